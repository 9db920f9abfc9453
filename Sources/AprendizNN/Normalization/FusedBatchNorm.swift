import AprendizAutodiff
import AprendizTensor

/// Batch normalisation in training mode as one recorded operation (§24.3.2): the statistics of each channel
/// (the last axis) over every other axis, forward and backward in a few passes over the batch (the path
/// ``BatchNorm`` takes in training).
///
/// ```
/// x: n rows of C channels;  μ_c = mean(x_c),  σ²_c = mean((x_c − μ_c)²),  r_c = 1/√(σ²_c + ε)
/// x̂ = (x − μ)·r,  y = x̂ ⊙ γ + β
/// ∂L/∂x = r·γ ⊙ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂))     ∂L/∂γ = Σ_rows g ⊙ x̂     ∂L/∂β = Σ_rows g
/// ```
/// (means and sums over the n rows, per channel). The composite form (``standardized(_:axes:epsilon:)``
/// then the affine map) runs about ten broadcasting passes forward and backward; this runs three forward
/// (sums, squared deviations, x̂ and y) and two backward, keeping x̂ and r only. Rows are split into chunks
/// on the ``Parallel`` pool, each summing into its own per-channel partial sums (in `Double`), added in
/// chunk order, so the result does not depend on the thread count. A backward pass that records the
/// gradient's own graph (`createGraph: true`) differentiates the composite form instead, so second
/// derivatives stay exact.
/// - Returns: y, and the batch's μ and biased σ² (shape `[C]`) for the running statistics.
func fusedBatchNorm(_ input: Variable, weight: Variable?, bias: Variable?,
                    epsilon: Float) -> (output: Variable, mean: Tensor, variance: Tensor) {
    let channels = input.shape[input.shape.count - 1]
    let rows = input.value.count / max(channels, 1)
    let chunks = BatchNormChunks(rows: rows, channels: channels)
    var normalized = Tensor(uninitializedShape: input.shape)
    var output = Tensor(uninitializedShape: input.shape)
    var mean = [Float](repeating: 0, count: channels), variance = mean, reciprocal = mean
    let gamma = weight?.value.scalars ?? [Float](repeating: 1, count: channels)
    let beta = bias?.value.scalars ?? [Float](repeating: 0, count: channels)
    input.value.withUnsafeBufferPointer { xs in
        let x = xs.baseAddress!
        let sums = chunks.channelSums { range, acc in
            for row in range { let p = x + row * channels; for c in 0..<channels { acc[c] += Double(p[c]) } }
        }
        for c in 0..<channels { mean[c] = Float(sums[c] / Double(rows)) }
        let squares = mean.withUnsafeBufferPointer { m in
            chunks.channelSums { range, acc in
                for row in range {
                    let p = x + row * channels
                    for c in 0..<channels { let d = Double(p[c] - m[c]); acc[c] += d * d }
                }
            }
        }
        for c in 0..<channels {
            variance[c] = Float(squares[c] / Double(rows))
            reciprocal[c] = 1 / (variance[c] + epsilon).squareRoot()
        }
        normalized.withUnsafeMutableBufferPointer { xhat in
            output.withUnsafeMutableBufferPointer { y in
                withPointers(mean, reciprocal, gamma, beta) { m, r, w, b in
                    let (xhat, y) = (xhat.baseAddress!, y.baseAddress!)
                    chunks.forEachChunk { range in
                        for row in range {
                            let base = row * channels
                            for c in 0..<channels {
                                let v = (x[base + c] - m[c]) * r[c]
                                xhat[base + c] = v
                                y[base + c] = v * w[c] + b[c]
                            }
                        }
                    }
                }
            }
        }
    }
    let statistics = (Tensor(mean), Tensor(variance))
    guard GradientMode.isRecording,
          input.requiresGradient || weight?.requiresGradient == true || bias?.requiresGradient == true else {
        return (Variable(output), statistics.0, statistics.1)
    }
    let axes = Array(0..<(input.shape.count - 1))
    let inputs = [input] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    let result = Variable.recording(output, inputs: inputs, operation: "batchNorm") { [normalized, reciprocal, gamma] g, _ in
        guard !GradientMode.isRecording else {
            // createGraph: the composite form's gradient, itself differentiable (g enters the graph).
            let composite = affine(standardized(input, axes: axes, epsilon: epsilon).output, weight: weight, bias: bias)
            return Variable.gradients(of: (composite * g).sum(), withRespectTo: inputs, createGraph: true)
        }
        var inputGradient = Tensor(uninitializedShape: g.shape)
        let (sumG, sumGX) = g.value.withUnsafeBufferPointer { gs in
            normalized.withUnsafeBufferPointer { xs in
                let (g, xhat) = (gs.baseAddress!, xs.baseAddress!)
                let sumG = chunks.channelSums { range, acc in
                    for row in range { let p = g + row * channels; for c in 0..<channels { acc[c] += Double(p[c]) } }
                }
                let sumGX = chunks.channelSums { range, acc in
                    for row in range {
                        let p = g + row * channels, q = xhat + row * channels
                        for c in 0..<channels { acc[c] += Double(p[c] * q[c]) }
                    }
                }
                return (sumG, sumGX)
            }
        }
        let n = Double(rows)
        let meanG = sumG.map { Float($0 / n) }, meanGX = sumGX.map { Float($0 / n) }
        let scale = (0..<channels).map { reciprocal[$0] * gamma[$0] }
        g.value.withUnsafeBufferPointer { gs in
            normalized.withUnsafeBufferPointer { xs in
                inputGradient.withUnsafeMutableBufferPointer { dxs in
                    withPointers(meanG, meanGX, scale, scale) { mg, mgx, k, _ in
                        let (g, xhat, dx) = (gs.baseAddress!, xs.baseAddress!, dxs.baseAddress!)
                        chunks.forEachChunk { range in
                            for row in range {
                                let base = row * channels
                                for c in 0..<channels {
                                    dx[base + c] = k[c] * (g[base + c] - mg[c] - xhat[base + c] * mgx[c])
                                }
                            }
                        }
                    }
                }
            }
        }
        var gradients: [Variable?] = [Variable(inputGradient)]
        if let weight { gradients.append(Variable(Tensor(shape: weight.shape, scalars: sumGX.map { Float($0) }))) }
        if let bias { gradients.append(Variable(Tensor(shape: bias.shape, scalars: sumG.map { Float($0) }))) }
        return gradients
    }
    return (result, statistics.0, statistics.1)
}

/// Calls `body` with the base addresses of four arrays.
@inline(__always) private func withPointers<R>(_ a: [Float], _ b: [Float], _ c: [Float], _ d: [Float],
                                               _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>) -> R) -> R {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeBufferPointer { c in
                d.withUnsafeBufferPointer { d in body(a.baseAddress!, b.baseAddress!, c.baseAddress!, d.baseAddress!) }
            }
        }
    }
}

/// The rows of a batch-normalised input split into chunks for the ``Parallel`` pool: about 16 KiB of
/// values per chunk, at most 64 chunks, the same split at every thread count.
private struct BatchNormChunks {
    let rows: Int
    let channels: Int
    let count: Int
    let size: Int

    init(rows: Int, channels: Int) {
        self.rows = rows
        self.channels = channels
        let wanted = min(64, max(1, rows * channels / 4096))
        size = (rows + wanted - 1) / wanted
        count = size == 0 ? 0 : (rows + size - 1) / size
    }

    @inline(__always) func forEachChunk(_ body: (Range<Int>) -> Void) {
        Parallel.forEach(count) { chunk in body((chunk * size)..<min(rows, (chunk + 1) * size)) }
    }

    /// Per-channel sums: `accumulate(rows, partial)` adds each row of a chunk into the chunk's `[channels]`
    /// partial sums (zeroed), which are then added in chunk order.
    @inline(__always) func channelSums(_ accumulate: (_ rows: Range<Int>, _ partial: UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        var partial = [Double](repeating: 0, count: count * channels)
        partial.withUnsafeMutableBufferPointer { partial in
            let base = partial.baseAddress!
            forEachChunk { range in accumulate(range, base + range.lowerBound / max(size, 1) * channels) }
        }
        var sums = [Double](repeating: 0, count: channels)
        for chunk in 0..<count { for c in 0..<channels { sums[c] += partial[chunk * channels + c] } }
        return sums
    }
}
