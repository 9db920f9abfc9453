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
/// (Σx, Σ(x − μ)², then y) and two backward (Σg and Σg ⊙ x̂ together, then ∂L/∂x), keeping only μ and r: x̂ is
/// recomputed from x. Rows are split into chunks on the ``Parallel`` pool, each summing eight channels at a time
/// in SIMD registers (`Float` over runs of 32 rows, added into `Double`) into its own per-channel partial sums,
/// added in chunk order, so the result does not depend on the thread count. A backward pass that records the
/// gradient's own graph (`createGraph: true`) differentiates the composite form instead, so second
/// derivatives stay exact.
/// - Returns: y, and the batch's μ and biased σ² (shape `[C]`) for the running statistics.
func fusedBatchNorm(_ input: Variable, weight: Variable?, bias: Variable?,
                    epsilon: Float) -> (output: Variable, mean: Tensor, variance: Tensor) {
    let channels = input.shape[input.shape.count - 1]
    let rows = input.value.count / max(channels, 1)
    let chunks = BatchNormChunks(rows: rows, channels: channels)
    var output = Tensor(uninitializedShape: input.shape)
    // r and k = r·γ per channel (k is the slope of y in x, and of ∂L/∂x in g).
    var mean = [Float](repeating: 0, count: channels), variance = mean, reciprocal = mean, scale = mean
    let gamma = weight?.value.scalars ?? [Float](repeating: 1, count: channels)
    let beta = bias?.value.scalars ?? [Float](repeating: 0, count: channels)
    let value = input.value
    value.withUnsafeBufferPointer { xs in
        let x = xs.baseAddress!
        let sums = chunks.channelSums(Values(x: x, channels: channels)).first
        for c in 0..<channels { mean[c] = Float(sums[c] / Double(rows)) }
        let squares = mean.withUnsafeBufferPointer { m in
            chunks.channelSums(SquaredDeviations(x: x, mean: m.baseAddress!, channels: channels)).first
        }
        for c in 0..<channels {
            variance[c] = Float(squares[c] / Double(rows))
            reciprocal[c] = 1 / (variance[c] + epsilon).squareRoot()
            scale[c] = reciprocal[c] * gamma[c]
        }
        // y = (x − μ)·k + β
        output.withUnsafeMutableBufferPointer { ys in
            withPointers(mean, scale, beta, beta) { m, k, b, _ in
                let y = ys.baseAddress!
                chunks.forEachLaneGroup { lanes, range in
                    let (m, k, b) = (lanes.load(m), lanes.load(k), lanes.load(b))
                    for row in range {
                        let offset = row * channels
                        lanes.store((lanes.load(x + offset) - m) * k + b, to: y + offset)
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
    // x̂ is not kept: the backward pass recomputes it from x (which the graph holds anyway), μ and r.
    let result = Variable.recording(output, inputs: inputs, operation: "batchNorm") { [value, mean, reciprocal, scale] g, _ in
        guard !GradientMode.isRecording else {
            // createGraph: the composite form's gradient, itself differentiable (g enters the graph).
            let composite = affine(standardized(input, axes: axes, epsilon: epsilon).output, weight: weight, bias: bias)
            return Variable.gradients(of: (composite * g).sum(), withRespectTo: inputs, createGraph: true)
        }
        var inputGradient = Tensor(uninitializedShape: g.shape)
        let upstream = g.value
        let (sumG, sumGX) = upstream.withUnsafeBufferPointer { gs in
            value.withUnsafeBufferPointer { xs in
                let (g, x) = (gs.baseAddress!, xs.baseAddress!)
                // Σ g and Σ g ⊙ x̂ in one pass.
                let (sumG, sumGX) = withPointers(mean, reciprocal, mean, mean) { m, r, _, _ in
                    chunks.channelSums(GradientTerms(g: g, x: x, mean: m, reciprocal: r, channels: channels))
                }
                // ∂L/∂x = r·γ ⊙ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) = k ⊙ (g − mean(g)) − (x − μ) ⊙ (k·r·mean(g ⊙ x̂))
                let n = Double(rows)
                let meanG = sumG.map { Float($0 / n) }
                let slope = (0..<channels).map { scale[$0] * reciprocal[$0] * Float(sumGX[$0] / n) }
                inputGradient.withUnsafeMutableBufferPointer { dxs in
                    withPointers(mean, meanG, scale, slope) { m, mg, k, q in
                        let dx = dxs.baseAddress!
                        chunks.forEachLaneGroup { lanes, range in
                            let (m, mg, k, q) = (lanes.load(m), lanes.load(mg), lanes.load(k), lanes.load(q))
                            for row in range {
                                let offset = row * channels
                                lanes.store(k * (lanes.load(g + offset) - mg) - (lanes.load(x + offset) - m) * q, to: dx + offset)
                            }
                        }
                    }
                }
                return (sumG, sumGX)
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

/// The two values per row and channel that ``BatchNormChunks/channelSums(_:)`` adds up.
private protocol ChannelTerms {
    func callAsFunction(_ lanes: ChannelLanes, _ row: Int) -> (SIMD8<Float>, SIMD8<Float>)
}

/// x (and 0).
private struct Values: ChannelTerms {
    let x: UnsafePointer<Float>, channels: Int
    @inline(__always) func callAsFunction(_ lanes: ChannelLanes, _ row: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        (lanes.load(x + row * channels), .zero)
    }
}

/// (x − μ)² (and 0).
private struct SquaredDeviations: ChannelTerms {
    let x: UnsafePointer<Float>, mean: UnsafePointer<Float>, channels: Int
    @inline(__always) func callAsFunction(_ lanes: ChannelLanes, _ row: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let d = lanes.load(x + row * channels) - lanes.load(mean)
        return (d * d, .zero)
    }
}

/// g and g ⊙ x̂, x̂ = (x − μ)·r.
private struct GradientTerms: ChannelTerms {
    let g: UnsafePointer<Float>, x: UnsafePointer<Float>, mean: UnsafePointer<Float>, reciprocal: UnsafePointer<Float>, channels: Int
    @inline(__always) func callAsFunction(_ lanes: ChannelLanes, _ row: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let offset = row * channels
        let gradient = lanes.load(g + offset)
        return (gradient, gradient * ((lanes.load(x + offset) - lanes.load(mean)) * lanes.load(reciprocal)))
    }
}

/// The channels `start..<start + count` (count ≤ 8) of a row as the lanes of a `SIMD8<Float>`; the lanes past
/// `count` load as 0 and are not stored.
private struct ChannelLanes {
    let start: Int
    let count: Int

    /// The lanes of the row (or per-channel array) at `row`.
    @inline(__always) func load(_ row: UnsafePointer<Float>) -> SIMD8<Float> {
        let p = row + start
        if count == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
        var v = SIMD8<Float>()
        for i in 0..<count { v[i] = p[i] }
        return v
    }

    @inline(__always) func store(_ v: SIMD8<Float>, to row: UnsafeMutablePointer<Float>) {
        let p = row + start
        if count == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
        for i in 0..<count { p[i] = v[i] }
    }
}

/// The rows of a batch-normalised input split into chunks for the ``Parallel`` pool: about 16 KiB of
/// values per chunk, at most 64 chunks, the same split at every thread count. Within a chunk the channels are
/// taken eight at a time (``ChannelLanes``), all the chunk's rows for each eight, so that sums stay in registers.
private struct BatchNormChunks {
    let rows: Int
    let channels: Int
    let count: Int
    let size: Int

    /// Rows summed in `Float` before their sum is added into the `Double` total.
    static let run = 32

    init(rows: Int, channels: Int) {
        self.rows = rows
        self.channels = channels
        let wanted = min(64, max(1, rows * channels / 4096))
        size = (rows + wanted - 1) / wanted
        count = size == 0 ? 0 : (rows + size - 1) / size
    }

    /// Runs `body(lanes, rows)` for every chunk of rows (in parallel) and every eight channels of it.
    @inline(__always) func forEachLaneGroup(_ body: (ChannelLanes, Range<Int>) -> Void) {
        Parallel.forEach(count) { chunk in
            let range = (chunk * size)..<min(rows, (chunk + 1) * size)
            for start in stride(from: 0, to: channels, by: 8) { body(ChannelLanes(start: start, count: min(8, channels - start)), range) }
        }
    }

    /// Two per-channel sums over all rows, `Σ_row term(lanes, row).0` and `.1` (a generic term, so that each
    /// is specialised and inlined into the loop): each chunk sums its rows (in
    /// `Float` over runs of ``run`` rows, four rows abreast, the runs added in `Double`), and the chunks' sums are
    /// added in chunk order.
    @inline(__always) func channelSums<Term: ChannelTerms>(_ term: Term) -> (first: [Double], second: [Double]) {
        var partial = [Double](repeating: 0, count: count * channels * 2)
        partial.withUnsafeMutableBufferPointer { partial in
            let base = partial.baseAddress!
            forEachLaneGroup { lanes, range in
                var total = (SIMD8<Double>(), SIMD8<Double>())
                var row = range.lowerBound
                while row < range.upperBound {
                    let end = min(range.upperBound, row + Self.run)
                    var a = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
                    var b = a
                    while row + 4 <= end {
                        let (t0, t1, t2, t3) = (term(lanes, row), term(lanes, row + 1), term(lanes, row + 2), term(lanes, row + 3))
                        a.0 += t0.0; a.1 += t1.0; a.2 += t2.0; a.3 += t3.0
                        b.0 += t0.1; b.1 += t1.1; b.2 += t2.1; b.3 += t3.1
                        row += 4
                    }
                    while row < end { let t = term(lanes, row); a.0 += t.0; b.0 += t.1; row += 1 }
                    let (sa, sb) = ((a.0 + a.1) + (a.2 + a.3), (b.0 + b.1) + (b.2 + b.3))
                    for i in 0..<8 { total.0[i] += Double(sa[i]); total.1[i] += Double(sb[i]) }
                }
                let chunk = range.lowerBound / size
                for i in 0..<lanes.count {
                    base[(2 * chunk) * channels + lanes.start + i] = total.0[i]
                    base[(2 * chunk + 1) * channels + lanes.start + i] = total.1[i]
                }
            }
        }
        var sums = ([Double](repeating: 0, count: channels), [Double](repeating: 0, count: channels))
        for chunk in 0..<count {
            for c in 0..<channels {
                sums.0[c] += partial[(2 * chunk) * channels + c]
                sums.1[c] += partial[(2 * chunk + 1) * channels + c]
            }
        }
        return sums
    }
}
