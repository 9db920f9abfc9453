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
            bias.map { Variable(gradient.reshaped([-1, $0.shape[0]]).sum(axes: [0])) },
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

    /// A 1×1 window with stride 1 and no padding reads the input itself as the column matrix.
    private var isPointwise: Bool {
        let g = geometry
        return g.taps == 1 && g.strideY == 1 && g.strideX == 1 && g.padTop + g.padBottom + g.padLeft + g.padRight == 0
    }

    /// The `[rows, kh·kw·cᵢₙ]` im2col matrix of `input`.
    func columns(of input: Tensor) -> Tensor {
        if isPointwise && groups == 1 { return input.reshaped([geometry.rows, rowLength]) }
        var columns = Tensor.zeros([geometry.rows, rowLength])
        input.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { Im2Col.lower(x.baseAddress!, geometry, groups: groups, into: $0.baseAddress!) }
        }
        return columns
    }

    /// Y = columns · W (per group) + b.
    func forward(columns: Tensor, filter: Tensor, bias: Tensor?) -> Tensor {
        var output = bias.map { $0.broadcast(to: [geometry.rows, outputChannels]) } ?? Tensor.zeros([geometry.rows, outputChannels])
        multiply(columns, filter, into: &output, beta: bias == nil ? 0 : 1) { columns, filter, output, group in
            (a: columns + group * patchSize, lda: rowLength, b: filter + group * groupOutputs, ldb: outputChannels,
             c: output + group * groupOutputs, ldc: outputChannels, m: geometry.rows, n: groupOutputs, k: patchSize,
             transposeA: false, transposeB: false)
        }
        return output.reshaped(geometry.outputShape(channels: outputChannels))
    }

    /// ∂L/∂w = columnsᵀ · G per group, shape `[kh, kw, cᵢₙ/groups, cₒᵤₜ]`.
    func filterGradient(_ gradient: Tensor, columns: Tensor) -> Tensor {
        var result = Tensor.zeros([patchSize, outputChannels])
        multiply(columns, gradient, into: &result, beta: 0) { columns, gradient, result, group in
            (a: columns + group * patchSize, lda: rowLength, b: gradient + group * groupOutputs, ldb: outputChannels,
             c: result + group * groupOutputs, ldc: outputChannels, m: patchSize, n: groupOutputs, k: geometry.rows,
             transposeA: true, transposeB: false)
        }
        return result.reshaped([geometry.windowHeight, geometry.windowWidth, geometry.channels / groups, outputChannels])
    }

    /// ∂L/∂x = col2im(G · wᵀ), shape of the input.
    func inputGradient(_ gradient: Tensor, filter: Tensor) -> Tensor {
        var columnGradient = Tensor.zeros([geometry.rows, rowLength])
        multiply(gradient, filter, into: &columnGradient, beta: 0) { gradient, filter, result, group in
            (a: gradient + group * groupOutputs, lda: outputChannels, b: filter + group * groupOutputs, ldb: outputChannels,
             c: result + group * patchSize, ldc: rowLength, m: geometry.rows, n: patchSize, k: groupOutputs,
             transposeA: false, transposeB: true)
        }
        let inputShape = geometry.inputShape
        if isPointwise && groups == 1 { return columnGradient.reshaped(inputShape) }
        var result = Tensor.zeros(inputShape)
        columnGradient.withUnsafeBufferPointer { columns in
            result.withUnsafeMutableBufferPointer {
                Im2Col.accumulate(columns.baseAddress!, geometry, groups: groups, into: $0.baseAddress!)
            }
        }
        return result
    }

    typealias Product = (a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)

    /// One GEMM per group: C_g = A_g·B_g + β·C_g with the operands `product(a, b, c, group)` describes.
    private func multiply(_ left: Tensor, _ right: Tensor, into result: inout Tensor, beta: Float,
                          _ product: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Product) {
        left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    for group in 0..<groups {
                        let p = product(a.baseAddress!, b.baseAddress!, c.baseAddress!, group)
                        MatrixMultiply.sgemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k,
                                             alpha: 1, a: p.a, lda: p.lda, b: p.b, ldb: p.ldb, beta: beta, c: p.c, ldc: p.ldc)
                    }
                }
            }
        }
    }
}
