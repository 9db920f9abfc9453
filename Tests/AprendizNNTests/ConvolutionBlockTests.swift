import Aprendiz
import AprendizTestSupport
import Testing

/// The convolution lowers and multiplies the batch a block of images at a time (blocks in
/// parallel), and lowers each block again in the backward pass. These batches span several blocks
/// (a 28×28×2 image with a 5×5 window fills 157 KB of column matrix, so two images make a block)
/// and are checked against the definition summed directly in Double (§21.2):
/// y[n,i,j,o] = b[o] + Σ_{u,v,c} x[n, i·s − p + u, j·s − p + v, c]·w[u,v,c,o], and its adjoints.
@Suite(.serialized) // some tests set the global Parallel.threadCount
struct ConvolutionBlockTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let batch: Int, size: Int, channels: Int, outputs: Int, window: Int, stride: Int, padding: ConvolutionPadding
        /// Rows (and columns) of zeros before the image: `same` pads ⌊(k − 1)/2⌋ before at stride 1.
        let padBefore: Int
        var testDescription: String { "batch \(batch), \(size)×\(size)×\(channels) → \(outputs), \(window)×\(window)/\(stride) \(padding)" }
    }

    static let cases = [
        Case(batch: 5, size: 28, channels: 2, outputs: 4, window: 5, stride: 1, padding: .same, padBefore: 2),
        Case(batch: 7, size: 30, channels: 3, outputs: 5, window: 3, stride: 2, padding: .uniform(1), padBefore: 1),
        Case(batch: 3, size: 40, channels: 1, outputs: 6, window: 5, stride: 1, padding: .valid, padBefore: 0),
    ]

    @Test(arguments: cases, [1, 2])
    func matchesTheDirectSum(_ c: Case, threads: Int) {
        let saved = Parallel.threadCount
        Parallel.threadCount = threads
        defer { Parallel.threadCount = saved }
        var generator = RandomGenerator(seed: 11)
        let x = Variable(Tensor.randomUniform([c.batch, c.size, c.size, c.channels], in: -1...1, using: &generator),
                         requiresGradient: true)
        let w = Variable(Tensor.randomUniform([c.window, c.window, c.channels, c.outputs], in: -1...1, using: &generator),
                         requiresGradient: true)
        let b = Variable(Tensor.randomUniform([c.outputs], in: -1...1, using: &generator), requiresGradient: true)
        let y = conv2d(x, filter: w, bias: b, stride: (c.stride, c.stride), padding: c.padding)
        let (outH, outW) = (y.shape[1], y.shape[2])
        let upstream = Tensor.randomUniform(y.shape, in: -1...1, using: &generator)
        y.backward(upstream)

        let padBefore = c.padBefore
        let xs = x.value.scalars, ws = w.value.scalars, bs = b.value.scalars, g = upstream.scalars
        var expected = [Double](repeating: 0, count: y.value.count)
        var dx = [Double](repeating: 0, count: xs.count), dw = [Double](repeating: 0, count: ws.count)
        var db = [Double](repeating: 0, count: c.outputs)
        for n in 0..<c.batch {
            for i in 0..<outH {
                for j in 0..<outW {
                    for o in 0..<c.outputs {
                        let out = ((n * outH + i) * outW + j) * c.outputs + o
                        var sum = Double(bs[o])
                        db[o] += Double(g[out])
                        for u in 0..<c.window {
                            for v in 0..<c.window {
                                let iy = i * c.stride - padBefore + u, ix = j * c.stride - padBefore + v
                                guard iy >= 0 && iy < c.size && ix >= 0 && ix < c.size else { continue }
                                for ch in 0..<c.channels {
                                    let xi = ((n * c.size + iy) * c.size + ix) * c.channels + ch
                                    let wi = ((u * c.window + v) * c.channels + ch) * c.outputs + o
                                    sum += Double(xs[xi]) * Double(ws[wi])
                                    dx[xi] += Double(g[out]) * Double(ws[wi])
                                    dw[wi] += Double(g[out]) * Double(xs[xi])
                                }
                            }
                        }
                        expected[out] = sum
                    }
                }
            }
        }
        expectClose(y.value, Tensor(shape: y.shape, scalars: expected.map { Float($0) }), absolute: 1e-4, relative: 1e-4)
        expectClose(x.grad!, Tensor(shape: x.shape, scalars: dx.map { Float($0) }), absolute: 1e-4, relative: 1e-4)
        expectClose(w.grad!, Tensor(shape: w.shape, scalars: dw.map { Float($0) }), absolute: 1e-3, relative: 1e-4)
        expectClose(b.grad!, Tensor(shape: b.shape, scalars: db.map { Float($0) }), absolute: 1e-3, relative: 1e-4)
    }
}
