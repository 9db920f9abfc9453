import Aprendiz
import AprendizTestSupport
import Testing

/// Max pooling compares eight channels at a time and falls back to scalar code for the last
/// positions of the batch; these cases cover channel counts below, at and above a vector, windows
/// inside the image and overlapping the padding, against the definition (§21.3.1) evaluated
/// directly: the maximum of the in-bounds taps, its gradient routed to the first maximum.
@Suite struct MaxPoolingKernelTests {
    @Test(arguments: [1, 6, 8, 11, 16], [false, true])
    func matchesTheDefinition(channels: Int, padded: Bool) {
        var generator = RandomGenerator(seed: UInt64(channels))
        let (batch, height, width, window, stride) = (3, 7, 6, 3, 2)
        let padding: ConvolutionPadding = padded ? .uniform(1) : .valid
        let pad = padded ? 1 : 0
        // Values on a coarse grid, so that ties happen and the first maximum must win.
        let xs = (0..<(batch * height * width * channels)).map { _ in Float(Int.random(in: 0..<5, using: &generator)) }
        let x = Variable(Tensor(shape: [batch, height, width, channels], scalars: xs), requiresGradient: true)
        let y = maxPool2D(x, size: (window, window), stride: (stride, stride), padding: padding)
        let (outH, outW) = ((height + 2 * pad - window) / stride + 1, (width + 2 * pad - window) / stride + 1)
        #expect(y.shape == [batch, outH, outW, channels])
        let upstream = Tensor.randomUniform(y.shape, in: -1...1, using: &generator)
        y.backward(upstream)

        var expected = [Float](), gradient = [Float](repeating: 0, count: xs.count)
        for n in 0..<batch {
            for i in 0..<outH {
                for j in 0..<outW {
                    for c in 0..<channels {
                        var best = -Float.infinity, at = -1
                        for u in 0..<window {
                            for v in 0..<window {
                                let iy = i * stride - pad + u, ix = j * stride - pad + v
                                guard iy >= 0 && iy < height && ix >= 0 && ix < width else { continue }
                                let index = ((n * height + iy) * width + ix) * channels + c
                                if xs[index] > best { (best, at) = (xs[index], index) }
                            }
                        }
                        expected.append(best)
                        gradient[at] += upstream.scalars[((n * outH + i) * outW + j) * channels + c]
                    }
                }
            }
        }
        #expect(y.value.scalars == expected)
        expectClose(x.grad!, Tensor(shape: x.shape, scalars: gradient), absolute: 1e-6, relative: 1e-6)
    }

    @Test func nanPropagatesLikePyTorch() {
        // One image, 2×2 window, 9 channels (a vector and a scalar tail): NaN wins its window.
        var values = [Float](repeating: 1, count: 2 * 2 * 9)
        values[1 * 9 + 0] = .nan      // channel 0 at position (0, 1)
        values[3 * 9 + 8] = .nan      // channel 8 at position (1, 1)
        values[2 * 9 + 4] = 5         // channel 4: a plain maximum at (1, 0)
        let x = Variable(Tensor(shape: [1, 2, 2, 9], scalars: values), requiresGradient: true)
        let y = maxPool2D(x, size: (2, 2))
        let out = y.value.scalars
        #expect(out[0].isNaN && out[8].isNaN)
        #expect(out[4] == 5 && out[1] == 1)
        y.backward(Tensor(repeating: 1, shape: y.shape))
        let g = x.grad!.scalars
        #expect(g[1 * 9 + 0] == 1 && g[3 * 9 + 8] == 1 && g[2 * 9 + 4] == 1)
        #expect(g[0 * 9 + 1] == 1)    // ties of 1s: the first position
        #expect(g.reduce(0, +) == 9)
    }
}
