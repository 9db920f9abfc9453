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
        forEachWindow(g, MaximumVisitor(input: input, output: output, argmax: argmax, channels: g.channels,
                                        inputCount: g.batch * g.imageSize))
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
        /// The window's in-bounds positions are at flat input offsets `base + taps[t]` (channel 0).
        func visit(output: Int, base: Int, taps: UnsafeBufferPointer<Int>)
    }

    private struct MaximumVisitor: WindowVisitor, @unchecked Sendable {
        let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
        let channels: Int
        /// Elements in `input`: a vector load must end inside it.
        let inputCount: Int

        @inline(__always) func visit(output offset: Int, base: Int, taps: UnsafeBufferPointer<Int>) {
            let best = output + offset, index = argmax + offset
            // Eight channels at a time with vector compares and blends: scalar code compiles to
            // branches, which mispredict on real data. The last group of channels may load lanes of
            // the next position (never past the input) and stores only its own.
            var c = 0
            while c < channels && base + taps[taps.count - 1] + c + 8 <= inputCount {
                let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
                var value = load(base + taps[0] + c)
                var position = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: base + taps[0] + c)) &+ lanes
                for t in 1..<taps.count {
                    let candidate = load(base + taps[t] + c)
                    let wins = (candidate .> value) .| (candidate .!= candidate)
                    value.replace(with: candidate, where: wins)
                    position.replace(with: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: base + taps[t] + c)) &+ lanes,
                                     where: wins)
                }
                for lane in 0..<min(8, channels - c) {
                    best[c + lane] = value[lane]
                    index[c + lane] = position[lane]
                }
                c += 8
            }
            while c < channels {   // the last positions of the batch, where 8 lanes would overrun
                var value = input[base + taps[0] + c], position = base + taps[0] + c
                for t in 1..<taps.count {
                    let candidate = input[base + taps[t] + c]
                    if candidate > value || candidate.isNaN { (value, position) = (candidate, base + taps[t] + c) }
                }
                best[c] = value
                index[c] = Int32(truncatingIfNeeded: position)
                c += 1
            }
        }

        @inline(__always) private func load(_ offset: Int) -> SIMD8<Float> {
            UnsafeRawPointer(input + offset).loadUnaligned(as: SIMD8<Float>.self)
        }
    }

    private struct AverageVisitor: WindowVisitor, @unchecked Sendable {
        let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
        let channels: Int, fixedDivisor: Int?
        @inline(__always) func visit(output offset: Int, base: Int, taps: UnsafeBufferPointer<Int>) {
            let sum = output + offset
            for c in 0..<channels { sum[c] = 0 }
            for tap in taps {
                let x = input + base + tap
                for c in 0..<channels { sum[c] += x[c] }
            }
            let scale = 1 / Float(fixedDivisor ?? taps.count)
            for c in 0..<channels { sum[c] *= scale }
        }
    }

    private struct AverageBackwardVisitor: WindowVisitor, @unchecked Sendable {
        let gradient: UnsafePointer<Float>, input: UnsafeMutablePointer<Float>
        let channels: Int, fixedDivisor: Int?
        @inline(__always) func visit(output offset: Int, base: Int, taps: UnsafeBufferPointer<Int>) {
            let scale = 1 / Float(fixedDivisor ?? taps.count)
            let upstream = gradient + offset
            for tap in taps {
                let x = input + base + tap
                for c in 0..<channels { x[c] += upstream[c] * scale }
            }
        }
    }

    /// Visits every output position with the flat offsets of its window's in-bounds taps; images
    /// in parallel, positions of one image in order (so overlapping windows accumulate safely).
    /// Output positions whose window lies inside the image (all of them without padding) share one
    /// table of tap offsets relative to the window's corner; only windows that overlap the padding
    /// build their own.
    private static func forEachWindow<Visitor: WindowVisitor>(_ g: WindowGeometry, _ visitor: Visitor) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: g.taps) { corner in
            for ky in 0..<g.windowHeight {
                for kx in 0..<g.windowWidth {
                    corner[ky * g.windowWidth + kx] = (ky * g.dilationY * g.width + kx * g.dilationX) * g.channels
                }
            }
            let shared = UnsafeBufferPointer(corner)
            Parallel.forEach(g.batch) { n in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: g.taps) { taps in
                    for oy in 0..<g.outputHeight {
                        let top = g.inputRow(oy, 0), bottom = g.inputRow(oy, g.windowHeight - 1)
                        let rowsInside = top >= 0 && bottom < g.height
                        for ox in 0..<g.outputWidth {
                            let output = ((n * g.outputHeight + oy) * g.outputWidth + ox) * g.channels
                            let left = g.inputColumn(ox, 0)
                            if rowsInside && left >= 0 && g.inputColumn(ox, g.windowWidth - 1) < g.width {
                                visitor.visit(output: output, base: ((n * g.height + top) * g.width + left) * g.channels,
                                              taps: shared)
                                continue
                            }
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
                            visitor.visit(output: output, base: 0, taps: UnsafeBufferPointer(rebasing: taps[0..<count]))
                        }
                    }
                }
            }
        }
    }
}
