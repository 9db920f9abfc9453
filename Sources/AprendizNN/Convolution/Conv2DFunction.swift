import AprendizAutodiff
import AprendizTensor

/// 2-D convolution of an NHWC batch with a `[kh, kw, cᵢₙ/groups, cₒᵤₜ]` filter (§21.2; the layer is
/// ``Conv2D``).
///
/// ```
/// y[n, i, j, o] = b[o] + Σ_{u, v, c} x[n, i·s_y − p_top + u·d_y, j·s_x − p_left + v·d_x, g·cᵢₙ/G + c] · w[u, v, c, o]
///                 (g = the group of output channel o; padded positions read 0)
/// ∂L/∂w = columnsᵀ · G      ∂L/∂b = Σ_{n,i,j} G      ∂L/∂x = col2im(G · wᵀ)
/// ```
/// Like every deep-learning library this is cross-correlation (the kernel is not flipped). The
/// forward pass lowers the input with im2col and makes one matrix product per group (GEMM, BLAS when
/// present); the backward pass reuses the saved column matrix for ∂L/∂w and scatters G·wᵀ back with
/// col2im for ∂L/∂x, each only when that input requires a gradient. The book's listing loops over
/// batch, filters and positions in Python; this computes the same sums.
///
/// `groups` splits the input and output channels into that many independent convolutions
/// (`groups = cᵢₙ` with `cₒᵤₜ = m·cᵢₙ` is depthwise convolution with multiplier m).
///
/// The backward pass is written with tensor kernels, not variable operations, so the gradient is
/// not itself differentiable: a `createGraph: true` backward through a convolution gives correct
/// first derivatives but no second derivatives.
///
/// - Parameters:
///   - input: `[batch, height, width, cᵢₙ]`.
///   - filter: `[kh, kw, cᵢₙ/groups, cₒᵤₜ]` (Keras's HWIO layout; PyTorch's `[cₒᵤₜ, cᵢₙ/groups, kh, kw]`
///     is this permuted by `[2, 3, 1, 0]`).
///   - bias: `[cₒᵤₜ]`, or `nil`.
///   - stride: (s_y, s_x), default (1, 1). `dilation`: (d_y, d_x), default (1, 1).
///   - padding: ``ConvolutionPadding``, default `.valid`.
///   - operation: the name shape errors and the graph use (layers pass their own, `Conv2D`).
/// - Returns: `[batch, out_h, out_w, cₒᵤₜ]` (sizes in ``ConvolutionPadding``).
public func conv2d(_ input: Variable, filter: Variable, bias: Variable? = nil, stride: (Int, Int) = (1, 1),
                   padding: ConvolutionPadding = .valid, dilation: (Int, Int) = (1, 1), groups: Int = 1,
                   operation: String = "conv2d") -> Variable {
    let geometry = WindowGeometry(operation: operation, inputShape: input.shape, window: (filter.shape.first ?? 0, filter.shape.dropFirst().first ?? 0),
                                  stride: stride, dilation: dilation, padding: padding)
    let convolution = Convolution(geometry: geometry, filterShape: filter.shape, groups: groups,
                                  biasShape: bias?.shape, operation: operation)
    let columns = convolution.columns(of: input.value)
    let output = convolution.forward(columns: columns, filter: filter.value, bias: bias?.value)
    return Variable.recording(output, inputs: [input, filter] + (bias.map { [$0] } ?? []), operation: operation) { upstream, _ in
        let gradient = upstream.value
        return [
            input.requiresGradient ? Variable(convolution.inputGradient(gradient, filter: filter.value)) : nil,
            filter.requiresGradient ? Variable(convolution.filterGradient(gradient, columns: columns)) : nil,
            bias.map { _ in Variable(convolution.biasGradient(gradient)) },
        ]
    }
}

/// The shapes of one convolution and its three matrix products (see ``conv2d(_:filter:bias:stride:padding:dilation:groups:operation:)``).
struct Convolution {
    let geometry: WindowGeometry
    let groups: Int
    let outputChannels: Int

    init(geometry: WindowGeometry, filterShape: [Int], groups: Int, biasShape: [Int]?, operation: String) {
        precondition(groups > 0, "\(operation): groups must be positive, got \(groups)")
        precondition(geometry.channels % groups == 0,
                     "\(operation): \(geometry.channels) input channels are not divisible by groups = \(groups)")
        let expected = [geometry.windowHeight, geometry.windowWidth, geometry.channels / groups]
        precondition(filterShape.count == 4 && Array(filterShape.prefix(3)) == expected && filterShape[3] % groups == 0,
                     "\(operation): expected a filter [\(expected.map(String.init).joined(separator: ", ")), outputs "
                        + "divisible by \(groups)] for an input of shape \(geometry.inputShape), got \(filterShape)")
        if let biasShape {
            precondition(biasShape == [filterShape[3]],
                         "\(operation): expected a bias of shape [\(filterShape[3])], got \(biasShape)")
        }
        self.geometry = geometry
        self.groups = groups
        outputChannels = filterShape[3]
    }

    /// kh·kw·cᵢₙ/groups: the inner dimension of each group's product.
    var patchSize: Int { geometry.taps * geometry.channels / groups }
    /// kh·kw·cᵢₙ: the width of the column matrix.
    var rowLength: Int { patchSize * groups }
    /// cₒᵤₜ/groups.
    var groupOutputs: Int { outputChannels / groups }

    /// The `[rows, kh·kw·cᵢₙ]` im2col matrix of `input`.
    func columns(of input: Tensor) -> ColumnBuffer {
        let columns = ColumnBuffer(count: geometry.rows * rowLength)
        input.withUnsafeBufferPointer { Im2Col.lower($0.baseAddress!, geometry, groups: groups, into: columns.pointer) }
        return columns
    }

    /// Y = columns · W (per group) + b.
    func forward(columns: ColumnBuffer, filter: Tensor, bias: Tensor?) -> Tensor {
        var output = Tensor.zeros([geometry.rows, outputChannels])
        output.withUnsafeMutableBufferPointer { y in
            filter.withUnsafeBufferPointer { w in
                if let bias {
                    bias.withUnsafeBufferPointer { b in
                        for row in 0..<geometry.rows { (y.baseAddress! + row * outputChannels).update(from: b.baseAddress!, count: outputChannels) }
                    }
                }
                for group in 0..<groups {
                    MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: geometry.rows, n: groupOutputs, k: patchSize,
                                         alpha: 1, a: columns.pointer + group * patchSize, lda: rowLength,
                                         b: w.baseAddress! + group * groupOutputs, ldb: outputChannels, beta: bias == nil ? 0 : 1,
                                         c: y.baseAddress! + group * groupOutputs, ldc: outputChannels)
                }
            }
        }
        return output.reshaped(geometry.outputShape(channels: outputChannels))
    }

    /// ∂L/∂b = Σ over all rows of G.
    func biasGradient(_ gradient: Tensor) -> Tensor {
        var result = [Float](repeating: 0, count: outputChannels)
        gradient.withUnsafeBufferPointer { g in
            result.withUnsafeMutableBufferPointer { sum in
                for row in 0..<geometry.rows {
                    let line = g.baseAddress! + row * outputChannels
                    for o in 0..<outputChannels { sum[o] += line[o] }
                }
            }
        }
        return Tensor(result)
    }

    /// ∂L/∂w = columnsᵀ · G per group, shape `[kh, kw, cᵢₙ/groups, cₒᵤₜ]`.
    func filterGradient(_ gradient: Tensor, columns: ColumnBuffer) -> Tensor {
        var result = Tensor.zeros([geometry.windowHeight, geometry.windowWidth, geometry.channels / groups, outputChannels])
        gradient.withUnsafeBufferPointer { g in
            result.withUnsafeMutableBufferPointer { dw in
                for group in 0..<groups {
                    MatrixMultiply.sgemm(transposeA: true, transposeB: false, m: patchSize, n: groupOutputs, k: geometry.rows,
                                         alpha: 1, a: columns.pointer + group * patchSize, lda: rowLength,
                                         b: g.baseAddress! + group * groupOutputs, ldb: outputChannels, beta: 0,
                                         c: dw.baseAddress! + group * groupOutputs, ldc: outputChannels)
                }
            }
        }
        return result
    }

    /// ∂L/∂x = col2im(G · wᵀ), shape of the input.
    func inputGradient(_ gradient: Tensor, filter: Tensor) -> Tensor {
        let columnGradient = ColumnBuffer(count: geometry.rows * rowLength)
        gradient.withUnsafeBufferPointer { g in
            filter.withUnsafeBufferPointer { w in
                for group in 0..<groups {
                    MatrixMultiply.sgemm(transposeA: false, transposeB: true, m: geometry.rows, n: patchSize, k: groupOutputs,
                                         alpha: 1, a: g.baseAddress! + group * groupOutputs, lda: outputChannels,
                                         b: w.baseAddress! + group * groupOutputs, ldb: outputChannels, beta: 0,
                                         c: columnGradient.pointer + group * patchSize, ldc: rowLength)
                }
            }
        }
        var result = Tensor.zeros(geometry.inputShape)
        result.withUnsafeMutableBufferPointer { Im2Col.accumulate(columnGradient.pointer, geometry, groups: groups, into: $0.baseAddress!) }
        return result
    }
}
