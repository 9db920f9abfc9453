import AprendizTensor

/// The loops behind max and average pooling over NHWC batches (§21.3), vectorised over the
/// contiguous channels and run in parallel over the images of the batch.
///
/// Every window is visited as (output position, in-bounds taps); padded taps are skipped, which is
/// padding with −∞ for the maximum and with 0 for the sum.
enum PoolingKernels {
    /// y = max over the window; `argmax` receives the flat input index of each maximum (first one on
    /// ties, as PyTorch; NaN wins, so it propagates).
    static func maximum(_ input: UnsafePointer<Float>, _ g: WindowGeometry, into output: UnsafeMutablePointer<Float>,
                        argmax: UnsafeMutablePointer<Int32>) {
        forEachWindow(g, MaximumVisitor(input: input, output: output, argmax: argmax, channels: g.channels))
    }

    /// ∂L/∂x[argmax] += G: each output's gradient goes to the input that was its maximum.
    static func maximumBackward(_ gradient: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, _ g: WindowGeometry,
                                into input: UnsafeMutablePointer<Float>) {
        let perImage = g.outputPositions * g.channels
        Parallel.forEach(g.batch) { n in
            for i in n * perImage..<(n + 1) * perImage where argmax[i] >= 0 { input[Int(argmax[i])] += gradient[i] }
        }
    }

    /// y = Σ window / divisor, the divisor being kh·kw (`countIncludesPadding`) or the number of taps
    /// inside the image.
    static func average(_ input: UnsafePointer<Float>, _ g: WindowGeometry, countIncludesPadding: Bool,
                        into output: UnsafeMutablePointer<Float>) {
        forEachWindow(g, AverageVisitor(input: input, output: output, channels: g.channels,
                                        fixedDivisor: countIncludesPadding ? g.taps : nil))
    }

    /// ∂L/∂x += G / divisor over each window.
    static func averageBackward(_ gradient: UnsafePointer<Float>, _ g: WindowGeometry, countIncludesPadding: Bool,
                                into input: UnsafeMutablePointer<Float>) {
        forEachWindow(g, AverageBackwardVisitor(gradient: gradient, input: input, channels: g.channels,
                                                fixedDivisor: countIncludesPadding ? g.taps : nil))
    }

    /// What happens at one window: a generic parameter (not a closure) so it is inlined.
    private protocol WindowVisitor {
        /// `taps` holds the flat input offsets (channel 0) of the window's in-bounds positions.
        func visit(output: Int, taps: UnsafeBufferPointer<Int>)
    }

    private struct MaximumVisitor: WindowVisitor, @unchecked Sendable {
        let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
        let channels: Int
        @inline(__always) func visit(output offset: Int, taps: UnsafeBufferPointer<Int>) {
            let best = output + offset, index = argmax + offset
            let first = taps[0]
            for c in 0..<channels {
                best[c] = input[first + c]
                index[c] = Int32(truncatingIfNeeded: first + c)
            }
            // Selects rather than branches: on real data the comparison is unpredictable.
            for t in 1..<max(taps.count, 1) {
                let x = input + taps[t], offset = Int32(truncatingIfNeeded: taps[t])
                for c in 0..<channels {
                    let value = x[c], wins = value > best[c] || value.isNaN
                    best[c] = wins ? value : best[c]
                    index[c] = wins ? offset + Int32(truncatingIfNeeded: c) : index[c]
                }
            }
        }
    }

    private struct AverageVisitor: WindowVisitor, @unchecked Sendable {
        let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
        let channels: Int, fixedDivisor: Int?
        @inline(__always) func visit(output offset: Int, taps: UnsafeBufferPointer<Int>) {
            let sum = output + offset
            for c in 0..<channels { sum[c] = 0 }
            for tap in taps {
                let x = input + tap
                for c in 0..<channels { sum[c] += x[c] }
            }
            let scale = 1 / Float(fixedDivisor ?? taps.count)
            for c in 0..<channels { sum[c] *= scale }
        }
    }

    private struct AverageBackwardVisitor: WindowVisitor, @unchecked Sendable {
        let gradient: UnsafePointer<Float>, input: UnsafeMutablePointer<Float>
        let channels: Int, fixedDivisor: Int?
        @inline(__always) func visit(output offset: Int, taps: UnsafeBufferPointer<Int>) {
            let scale = 1 / Float(fixedDivisor ?? taps.count)
            let upstream = gradient + offset
            for tap in taps {
                let x = input + tap
                for c in 0..<channels { x[c] += upstream[c] * scale }
            }
        }
    }

    /// Visits every output position with the flat offsets of its window's in-bounds taps; images
    /// in parallel, positions of one image in order (so overlapping windows accumulate safely).
    private static func forEachWindow<Visitor: WindowVisitor>(_ g: WindowGeometry, _ visitor: Visitor) {
        Parallel.forEach(g.batch) { n in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: g.taps) { taps in
                for oy in 0..<g.outputHeight {
                    for ox in 0..<g.outputWidth {
                        var count = 0
                        for ky in 0..<g.windowHeight {
                            let iy = g.inputRow(oy, ky)
                            guard iy >= 0 && iy < g.height else { continue }
                            for kx in 0..<g.windowWidth {
                                let ix = g.inputColumn(ox, kx)
                                guard ix >= 0 && ix < g.width else { continue }
                                taps[count] = ((n * g.height + iy) * g.width + ix) * g.channels
                                count += 1
                            }
                        }
                        visitor.visit(output: ((n * g.outputHeight + oy) * g.outputWidth + ox) * g.channels,
                                      taps: UnsafeBufferPointer(rebasing: taps[0..<count]))
                    }
                }
            }
        }
    }
}
