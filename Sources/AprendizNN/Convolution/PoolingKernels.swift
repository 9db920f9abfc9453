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
        forEachWindow(g) { outputOffset, taps in
            let best = output + outputOffset, index = argmax + outputOffset
            best.update(repeating: -.infinity, count: g.channels)
            index.update(repeating: -1, count: g.channels)
            for inputOffset in taps {
                let x = input + inputOffset
                for c in 0..<g.channels where x[c] > best[c] || x[c].isNaN {
                    best[c] = x[c]
                    index[c] = Int32(truncatingIfNeeded: inputOffset + c)
                }
            }
        }
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
        forEachWindow(g) { outputOffset, taps in
            let sum = output + outputOffset
            sum.update(repeating: 0, count: g.channels)
            for inputOffset in taps {
                let x = input + inputOffset
                for c in 0..<g.channels { sum[c] += x[c] }
            }
            let scale = 1 / Float(countIncludesPadding ? g.taps : taps.count)
            for c in 0..<g.channels { sum[c] *= scale }
        }
    }

    /// ∂L/∂x += G / divisor over each window.
    static func averageBackward(_ gradient: UnsafePointer<Float>, _ g: WindowGeometry, countIncludesPadding: Bool,
                                into input: UnsafeMutablePointer<Float>) {
        forEachWindow(g) { outputOffset, taps in
            let scale = 1 / Float(countIncludesPadding ? g.taps : taps.count)
            let upstream = gradient + outputOffset
            for inputOffset in taps {
                let x = input + inputOffset
                for c in 0..<g.channels { x[c] += upstream[c] * scale }
            }
        }
    }

    /// Calls `body(outputOffset, inputOffsets)` for every output position, with the flat offsets of
    /// the window's in-bounds taps (channel 0); images in parallel, positions of one image in order.
    @inline(__always)
    private static func forEachWindow(_ g: WindowGeometry, _ body: (_ output: Int, _ taps: ArraySlice<Int>) -> Void) {
        Parallel.forEach(g.batch) { n in
            var taps = [Int](repeating: 0, count: g.taps)
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
                    body(((n * g.outputHeight + oy) * g.outputWidth + ox) * g.channels, taps[0..<count])
                }
            }
        }
    }
}
