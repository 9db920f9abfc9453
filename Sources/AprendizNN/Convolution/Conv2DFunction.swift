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
/// present) — a block of images at a time, so that the column matrix of a block stays in the L2
/// cache, and blocks in parallel. The backward pass lowers each block again for ∂L/∂w (cheaper than
/// keeping a column matrix of the whole batch, which at LeNet-5's sizes is 5 MB per layer and
/// step) and scatters G·wᵀ back with col2im for ∂L/∂x, each only when that input requires a
/// gradient. The book's listing loops over batch, filters and positions in Python; this computes
/// the same sums.
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
///   - stride: (s_y, s_x), default (1, 1).
///   - dilation: (d_y, d_x), default (1, 1).
///   - groups: the number of independent channel groups (default 1); both channel counts must divide by it.
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
    let output = convolution.forward(input: input.value, filter: filter.value, bias: bias?.value)
    return Variable.recording(output, inputs: [input, filter] + (bias.map { [$0] } ?? []), operation: operation) { upstream, _ in
        let gradient = upstream.value
        let (inputGradient, filterGradient) = convolution.backward(gradient, input: input.value, filter: filter.value,
                                                                   inputGradient: input.requiresGradient,
                                                                   filterGradient: filter.requiresGradient)
        return [
            inputGradient.map { Variable($0) },
            filterGradient.map { Variable($0) },
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
        require(groups > 0, "\(operation): groups must be positive, got \(groups)")
        require(geometry.channels % groups == 0,
                     "\(operation): \(geometry.channels) input channels are not divisible by groups = \(groups)")
        let expected = [geometry.windowHeight, geometry.windowWidth, geometry.channels / groups]
        require(filterShape.count == 4 && Array(filterShape.prefix(3)) == expected && filterShape[3] % groups == 0,
                     "\(operation): expected a filter [\(expected.map(String.init).joined(separator: ", ")), outputs "
                        + "divisible by \(groups)] for an input of shape \(geometry.inputShape), got \(filterShape)")
        if let biasShape {
            require(biasShape == [filterShape[3]],
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

    /// Bytes of column matrix per block of images: with the block's output and the GEMM's packed
    /// operands it stays in a core's L2 cache.
    static let blockBytes = 384 << 10

    /// Images per block (at least one).
    var imagesPerBlock: Int { max(1, Self.blockBytes / max(1, geometry.outputPositions * rowLength * MemoryLayout<Float>.size)) }
    /// Blocks in the batch.
    var blockCount: Int { (geometry.batch + imagesPerBlock - 1) / imagesPerBlock }
    /// The images of block `block`.
    func images(ofBlock block: Int) -> Range<Int> {
        block * imagesPerBlock..<min(geometry.batch, (block + 1) * imagesPerBlock)
    }

    /// Runs `body(block, images, rows, columns)` for every block of images, blocks in parallel, with
    /// a scratch buffer (`columns`) for the block's `rows × rowLength` column matrix.
    func forEachBlock(_ body: (_ block: Int, _ images: Range<Int>, _ rows: Int, _ columns: UnsafeMutablePointer<Float>) -> Void) {
        Parallel.forEach(blockCount) { block in
            let images = images(ofBlock: block), rows = images.count * geometry.outputPositions
            Workspace.with(floats: rows * rowLength) { body(block, images, rows, $0) }
        }
    }

    /// Y = columns · W (per group) + b, block by block.
    func forward(input: Tensor, filter: Tensor, bias: Tensor?) -> Tensor {
        var output = Tensor(uninitializedShape: [geometry.rows, outputChannels])
        let (positions, outputs) = (geometry.outputPositions, outputChannels)
        output.withUnsafeMutableBufferPointer { y in
            input.withUnsafeBufferPointer { x in
                filter.withUnsafeBufferPointer { w in
                    forEachBlock { _, images, rows, columns in
                        let target = y.baseAddress! + images.lowerBound * positions * outputs
                        Im2Col.lower(x.baseAddress!, geometry, groups: groups, images: images, into: columns)
                        if let bias {
                            bias.withUnsafeBufferPointer { b in
                                for row in 0..<rows { (target + row * outputs).update(from: b.baseAddress!, count: outputs) }
                            }
                        }
                        for group in 0..<groups {
                            MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: rows, n: groupOutputs, k: patchSize,
                                                 alpha: 1, a: columns + group * patchSize, lda: rowLength,
                                                 b: w.baseAddress! + group * groupOutputs, ldb: outputs,
                                                 beta: bias == nil ? 0 : 1, c: target + group * groupOutputs, ldc: outputs)
                        }
                    }
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

    /// ∂L/∂x = col2im(G · wᵀ) (shape of the input) and ∂L/∂w = Σ_blocks columnsᵀ · G (shape
    /// `[kh, kw, cᵢₙ/groups, cₒᵤₜ]`), block by block; each only if asked for. The blocks' partial ∂L/∂w
    /// are summed in block order, so the result does not depend on the thread count.
    func backward(_ gradient: Tensor, input: Tensor, filter: Tensor, inputGradient needsInput: Bool,
                  filterGradient needsFilter: Bool) -> (input: Tensor?, filter: Tensor?) {
        let filterShape = [geometry.windowHeight, geometry.windowWidth, geometry.channels / groups, outputChannels]
        let filterCount = filterShape.reduce(1, *)
        var inputGradient = Tensor(uninitializedShape: needsInput ? geometry.inputShape : [0])
        // Every block's GEMM writes its whole partial ∂L/∂w (β = 0), so the buffer is not cleared first.
        var partials = [Float](unsafeUninitializedCapacity: needsFilter ? blockCount * filterCount : 0) { _, count in
            count = needsFilter ? blockCount * filterCount : 0
        }
        let (positions, outputs, imageSize) = (geometry.outputPositions, outputChannels, geometry.imageSize)
        inputGradient.withUnsafeMutableBufferPointer { inputBuffer in
            let dx = needsInput ? inputBuffer.baseAddress : nil
            gradient.withUnsafeBufferPointer { g in
                input.withUnsafeBufferPointer { x in
                    filter.withUnsafeBufferPointer { w in
                        partials.withUnsafeMutableBufferPointer { dw in
                            forEachBlock { block, images, rows, columns in
                                let upstream = g.baseAddress! + images.lowerBound * positions * outputs
                                if needsFilter {
                                    Im2Col.lower(x.baseAddress!, geometry, groups: groups, images: images, into: columns)
                                    for group in 0..<groups {
                                        MatrixMultiply.sgemm(transposeA: true, transposeB: false, m: patchSize, n: groupOutputs, k: rows,
                                                             alpha: 1, a: columns + group * patchSize, lda: rowLength,
                                                             b: upstream + group * groupOutputs, ldb: outputs, beta: 0,
                                                             c: dw.baseAddress! + block * filterCount + group * groupOutputs, ldc: outputs)
                                    }
                                }
                                if let dx {
                                    for group in 0..<groups {
                                        MatrixMultiply.sgemm(transposeA: false, transposeB: true, m: rows, n: patchSize, k: groupOutputs,
                                                             alpha: 1, a: upstream + group * groupOutputs, lda: outputs,
                                                             b: w.baseAddress! + group * groupOutputs, ldb: outputs, beta: 0,
                                                             c: columns + group * patchSize, ldc: rowLength)
                                    }
                                    (dx + images.lowerBound * imageSize).update(repeating: 0, count: images.count * imageSize)
                                    Im2Col.accumulate(columns, geometry, groups: groups, images: images, into: dx)
                                }
                            }
                        }
                    }
                }
            }
        }
        let inputResult = needsInput ? inputGradient : nil
        guard needsFilter else { return (inputResult, nil) }
        var filterGradient = Tensor.zeros(filterShape)
        filterGradient.withUnsafeMutableBufferPointer { total in
            partials.withUnsafeBufferPointer { dw in
                // Split over the filter's entries; each still sums its blocks in block order.
                KernelPartition.forEachChunk(filterCount, grain: blockCount) { start, end in
                    for block in 0..<blockCount {
                        let partial = dw.baseAddress! + block * filterCount
                        for i in start..<end { total[i] += partial[i] }
                    }
                }
            }
        }
        return (inputResult, filterGradient)
    }
}
