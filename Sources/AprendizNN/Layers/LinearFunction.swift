import AprendizAutodiff
import AprendizTensor

/// The affine map of a fully connected layer as one operation (§6.2, eq. 6.2; the layer is ``Dense``).
///
/// ```
/// y = x·W + b          x: [batch, inputs]   W: [inputs, outputs]   b: [outputs]
/// ∂L/∂x = G·Wᵀ    ∂L/∂W = xᵀ·G    ∂L/∂b = Σ_batch G
/// ```
/// The bias is written into the output rows first and the product accumulated onto it (one GEMM
/// with β = 1), so the layer allocates and passes over its output once instead of twice
/// (`matmul` then a broadcast `+`). The gradients are variable operations, so a `createGraph: true`
/// backward through it is differentiable again.
/// - Parameters:
///   - input: `[batch, inputs]`.
///   - weight: `[inputs, outputs]`.
///   - bias: `[outputs]`, or `nil`.
///   - operation: the name shape errors and the graph use (``Dense`` passes its own).
public func linear(_ input: Variable, weight: Variable, bias: Variable? = nil, operation: String = "linear") -> Variable {
    require(input.shape.count == 2 && weight.shape.count == 2 && input.shape[1] == weight.shape[0],
                 "\(operation): expected an input [batch, \(weight.shape.first ?? 0)] for a weight of shape \(weight.shape), "
                    + "got \(input.shape)")
    let (rows, inputs, outputs) = (input.shape[0], weight.shape[0], weight.shape[1])
    if let bias {
        require(bias.shape == [outputs], "\(operation): expected a bias of shape [\(outputs)], got \(bias.shape)")
    }
    var output = Tensor(uninitializedShape: [rows, outputs])
    output.withUnsafeMutableBufferPointer { y in
        input.value.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                if let bias {
                    bias.value.withUnsafeBufferPointer { b in
                        for row in 0..<rows { (y.baseAddress! + row * outputs).update(from: b.baseAddress!, count: outputs) }
                    }
                }
                MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: rows, n: outputs, k: inputs, alpha: 1,
                                     a: x.baseAddress!, lda: inputs, b: w.baseAddress!, ldb: outputs,
                                     beta: bias == nil ? 0 : 1, c: y.baseAddress!, ldc: outputs)
            }
        }
    }
    // Inference: no inputs array and no VJP closure to allocate.
    guard GradientMode.isRecording && (input.requiresGradient || weight.requiresGradient || bias?.requiresGradient == true) else {
        return Variable(output)
    }
    return Variable.recording(output, inputs: [input, weight] + (bias.map { [$0] } ?? []), operation: operation) { g, _ in
        [
            input.requiresGradient ? g.matmul(weight, transposeOther: true) : nil,
            weight.requiresGradient ? input.matmul(g, transposeSelf: true) : nil,
            bias.map { _ in g.sum(axes: [0]) },
        ]
    }
}
