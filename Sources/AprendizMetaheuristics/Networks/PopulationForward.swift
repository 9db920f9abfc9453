import AprendizAutodiff
import AprendizNN
import AprendizTensor

/// One forward pass of a whole population of weight vectors through a `Sequential` stack of `Dense`
/// layers and element-wise activations (chapter 11: "one call evaluates the whole population, so a
/// network can score every candidate in one forward pass").
///
/// ```
/// θ_p = row p of the population [P, d]  (ParameterVector's layout: vec W₁, b₁, vec W₂, b₂, …)
/// H⁰ = X                                           [batch, in]        shared by every candidate
/// Dense k:     Hᵏ[p] = Hᵏ⁻¹[p]·Wₖ(θ_p) + bₖ(θ_p)    [P, batch, in]·[P, in, out] → [P, batch, out]
/// activation:  Hᵏ = σ(Hᵏ⁻¹)                        one call on the [P·batch, width] block
/// ```
/// Wₖ(θ_p) and bₖ(θ_p) are read in place from the population (no candidate is written into the
/// model); the P products of a layer are spread over the thread pool (`Parallel.forEach`), and a
/// population whose layer blocks would outgrow the cache (``blockSize``) runs in passes of fewer
/// candidates. The per-candidate path (``ParameterVector/assign(_:)-(UnsafeBufferPointer<Float>)``,
/// then the model) computes the same numbers, one candidate after another: ``init(_:vector:)``
/// returns nil for any model it cannot run this way (another layer type, an activation with
/// parameters), and the trainer then uses that path.
struct PopulationForward {
    private enum Step {
        /// Offsets of W (`[inputs, outputs]`, row-major) and b in θ.
        case dense(weight: Int, bias: Int?, inputs: Int, outputs: Int)
        /// A parameter-free element-wise activation layer, applied as it is.
        case elementwise(Module)
    }

    private let steps: [Step]
    /// d, the length of each candidate's row.
    let parameterCount: Int
    /// The number of input features the first layer takes.
    let inputCount: Int
    /// The number of outputs of the last `Dense` layer.
    let outputCount: Int
    /// The widest `Dense` output.
    private let widest: Int
    /// Numbers in the widest layer's block [candidates, batch, width] of one pass (64 K, 256 KB): larger
    /// populations or batches run in several passes of fewer candidates, so the blocks stay in cache.
    static let blockSize = 1 << 16

    /// The batched form of `model` with its parameters laid out as `vector`; nil unless `model` is a
    /// `Sequential` whose first layer is `Dense` and whose other layers are `Dense` or parameter-free
    /// element-wise activations (``Activation``'s layer types).
    init?(_ model: Module, vector: ParameterVector) {
        guard let sequential = model as? Sequential, let first = sequential.layers.first as? Dense else { return nil }
        var offsets: [ObjectIdentifier: Int] = [:], offset = 0
        for parameter in vector.parameters {
            offsets[ObjectIdentifier(parameter)] = offset
            offset += parameter.value.count
        }
        var steps: [Step] = [], width = first.inputCount
        for layer in sequential.layers {
            if let dense = layer as? Dense {
                guard dense.inputCount == width, let weight = offsets[ObjectIdentifier(dense.weight)] else { return nil }
                let bias = dense.bias.flatMap { offsets[ObjectIdentifier($0)] }
                guard (bias == nil) == (dense.bias == nil) else { return nil }
                steps.append(.dense(weight: weight, bias: bias, inputs: dense.inputCount, outputs: dense.outputCount))
                width = dense.outputCount
            } else if Self.isElementwise(layer) {
                steps.append(.elementwise(layer))
            } else {
                return nil
            }
        }
        self.steps = steps
        parameterCount = vector.count
        inputCount = first.inputCount
        outputCount = width
        widest = steps.reduce(0) { if case .dense(_, _, _, let outputs) = $1 { max($0, outputs) } else { $0 } }
    }

    /// Whether `layer` maps each element on its own with no parameters (so it can run on the
    /// stacked outputs of every candidate at once).
    private static func isElementwise(_ layer: Module) -> Bool {
        let type = ObjectIdentifier(Swift.type(of: layer))
        return layer.parameters().isEmpty && Activation.allCases.contains { ObjectIdentifier($0.layerType) == type }
    }

    /// The network's outputs for every candidate: `population` holds `count` rows of d numbers,
    /// `inputs` is `[batch, inputs]`; the result is `[count, batch, outputs]` (inference, no graph).
    func outputs(_ population: UnsafeBufferPointer<Float>, count: Int, inputs: Tensor) -> Tensor {
        require(population.count == count * parameterCount,
                "PopulationForward: expected \(count) × \(parameterCount) numbers, got \(population.count)")
        require(inputs.rank == 2 && inputs.shape[1] == inputCount,
                "PopulationForward: expected inputs of shape [batch, \(inputCount)], got \(inputs.shape)")
        let batch = inputs.shape[0], chunk = max(1, Self.blockSize / max(1, batch * widest))
        if chunk >= count { return pass(population, count: count, inputs: inputs) }
        var result = Tensor(uninitializedShape: [count, batch, outputCount])
        result.withUnsafeMutableBufferPointer { all in
            for start in stride(from: 0, to: count, by: chunk) {
                let size = min(chunk, count - start)
                let rows = UnsafeBufferPointer(rebasing: population[(start * parameterCount)..<((start + size) * parameterCount)])
                pass(rows, count: size, inputs: inputs).withUnsafeBufferPointer { part in
                    (all.baseAddress! + start * batch * outputCount).update(from: part.baseAddress!, count: part.count)
                }
            }
        }
        return result
    }

    /// ``outputs(_:count:inputs:)`` for `count` candidates in one pass.
    private func pass(_ population: UnsafeBufferPointer<Float>, count: Int, inputs: Tensor) -> Tensor {
        let batch = inputs.shape[0]
        var hidden: Tensor?  // [count, batch, width]; nil: the shared inputs
        for step in steps {
            switch step {
            case .dense(let weight, let bias, let fanIn, let fanOut):
                hidden = dense(population, count: count, input: hidden ?? inputs, shared: hidden == nil, batch: batch,
                               weight: weight, bias: bias, fanIn: fanIn, fanOut: fanOut)
            case .elementwise(let layer):
                let block = hidden!
                hidden = withoutGradient { layer(Variable(block)).value }
            }
        }
        return hidden!
    }

    /// One `Dense` layer for every candidate: C[p] = b(θ_p) rows, then C[p] += A[p]·W(θ_p) (one GEMM each,
    /// on the thread pool); A is the shared inputs when `shared`.
    private func dense(_ population: UnsafeBufferPointer<Float>, count: Int, input: Tensor, shared: Bool, batch: Int,
                       weight: Int, bias: Int?, fanIn: Int, fanOut: Int) -> Tensor {
        var output = Tensor(uninitializedShape: [count, batch, fanOut])
        let stride = parameterCount
        input.withUnsafeBufferPointer { a in
            output.withUnsafeMutableBufferPointer { c in
                let (rows, source, target) = (population.baseAddress!, a.baseAddress!, c.baseAddress!)
                Parallel.forEach(count) { p in
                    let theta = rows + p * stride, out = target + p * batch * fanOut
                    if let bias {
                        for r in 0..<batch { (out + r * fanOut).update(from: theta + bias, count: fanOut) }
                    }
                    MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: batch, n: fanOut, k: fanIn, alpha: 1,
                                         a: shared ? source : source + p * batch * fanIn, lda: fanIn,
                                         b: theta + weight, ldb: fanOut, beta: bias == nil ? 0 : 1, c: out, ldc: fanOut)
                }
            }
        }
        return output
    }
}
