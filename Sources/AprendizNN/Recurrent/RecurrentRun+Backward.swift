import AprendizTensor
import Foundation

// Backpropagation through time for ``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``:
// the cells' pointwise derivatives (written out below, eight hidden units at a time) and one pair of
// small products per step.

extension RecurrentRun {
    struct Gradients {
        var projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?
    }

    /// Scratch rows of the backward pass, `[batch, hidden]` or `[batch, width]`.
    private struct Scratch {
        let dh, dc, dhPrevious, dcPrevious, dRecurrent: UnsafeMutablePointer<Float>

        init(batch: Int, hidden: Int, width: Int) {
            func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
                let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
                p.initialize(repeating: 0, count: count)
                return p
            }
            (dh, dc, dhPrevious, dcPrevious) = (zeros(batch * hidden), zeros(batch * hidden), zeros(batch * hidden), zeros(batch * hidden))
            dRecurrent = zeros(batch * width)
        }

        func deallocate() { for p in [dh, dc, dhPrevious, dcPrevious, dRecurrent] { p.deallocate() } }
    }

    /// Carries δh (and δc) from the last step to the first.
    func backward(_ upstream: Tensor, projected: Tensor, weight: Tensor, peepholes: Tensor?, truncation: Int?) -> Gradients {
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        var dProjected = Tensor.zeros([batch, steps, width]), dWeight = Tensor.zeros([hidden, width])
        var dBias = [Float](repeating: 0, count: width), dPeepholes = [Float](repeating: 0, count: 3 * hidden)
        let s = Scratch(batch: batch, hidden: hidden, width: width)
        defer { s.deallocate() }
        let p = peepholes?.scalars ?? [Float](repeating: 0, count: 3 * hidden)
        dProjected.withUnsafeMutableBufferPointer { dp in
        upstream.withUnsafeBufferPointer { g in
        p.withUnsafeBufferPointer { peep in
        dPeepholes.withUnsafeMutableBufferPointer { dPeep in
            for t in stride(from: steps - 1, through: 0, by: -1) {
                for row in 0..<batch {
                    let o = row * hidden
                    guard t < lengths[row] else {
                        (s.dhPrevious + o).update(from: s.dh + o, count: hidden)
                        (s.dcPrevious + o).update(from: s.dc + o, count: hidden)
                        (s.dRecurrent + row * width).update(repeating: 0, count: width)
                        continue
                    }
                    for j in 0..<hidden { s.dh[o + j] += g[(row * steps + t) * hidden + j] }
                    stepBackward(t: t, row: row, s, peepholes: peep.baseAddress!, dPeepholes: dPeep.baseAddress!)
                    let dr = s.dRecurrent + row * width
                    (dp.baseAddress! + (row * steps + t) * width).update(from: dr, count: width)
                    if cell == .gru {   // ∂L/∂a_n = ∂L/∂z_n, while ∂L/∂r_n = ∂L/∂z_n ⊙ r
                        let reset = gates + (t * batch + row) * width
                        for j in 0..<hidden { dr[2 * hidden + j] *= reset[j] }
                    }
                    for j in 0..<width { dBias[j] += dr[j] }
                }
                accumulateProducts(t: t, dRecurrent: s.dRecurrent, weight: weight, dWeight: &dWeight, dhPrevious: s.dhPrevious)
                let cut = truncation.map { t % $0 == 0 } ?? false
                if cut {
                    s.dh.update(repeating: 0, count: batch * hidden)
                    s.dc.update(repeating: 0, count: batch * hidden)
                } else {
                    s.dh.update(from: s.dhPrevious, count: batch * hidden)
                    s.dc.update(from: s.dcPrevious, count: batch * hidden)
                }
            }
        }}}}
        return Gradients(projected: dProjected, weight: dWeight, bias: Tensor(shape: [width], scalars: dBias),
                         peepholes: peepholes == nil ? nil : Tensor(shape: [3, hidden], scalars: dPeepholes))
    }

    /// ∂L/∂W_hh += h_{t−1}ᵀ·∂L/∂r_t and δh_{t−1} += ∂L/∂r_t·W_hhᵀ (rows past a sequence's end hold 0 in ∂L/∂r_t).
    private func accumulateProducts(t: Int, dRecurrent: UnsafeMutablePointer<Float>, weight: Tensor, dWeight: inout Tensor,
                                    dhPrevious: UnsafeMutablePointer<Float>) {
        let (batch, hidden, width) = (self.batch, self.hidden, self.width)
        dWeight.withUnsafeMutableBufferPointer { dw in
            MatrixMultiply.sgemm(transposeA: true, transposeB: false, m: hidden, n: width, k: batch, alpha: 1,
                                 a: states + t * batch * hidden, lda: hidden, b: dRecurrent, ldb: width,
                                 beta: 1, c: dw.baseAddress!, ldc: width)
        }
        weight.withUnsafeBufferPointer { w in
            MatrixMultiply.sgemm(transposeA: false, transposeB: true, m: batch, n: hidden, k: width, alpha: 1,
                                 a: dRecurrent, lda: width, b: w.baseAddress!, ldb: width, beta: 1, c: dhPrevious, ldc: hidden)
        }
    }

    /// The pointwise derivative of one step of one sequence: writes ∂L/∂z (into `dRecurrent`), the direct
    /// part of δh_{t−1} and δc_{t−1}, and adds the peephole gradients.
    private func stepBackward(t: Int, row: Int, _ s: Scratch, peepholes p: UnsafePointer<Float>,
                              dPeepholes dp: UnsafeMutablePointer<Float>) {
        let (batch, hidden, width) = (self.batch, self.hidden, self.width)
        let o = row * hidden, r = s.dRecurrent + row * width, gate = gates + (t * batch + row) * width
        let previous = (t * batch + row) * hidden, next = previous + batch * hidden
        for j in stride(from: 0, to: hidden, by: 8) {
            let n = Swift.min(8, hidden - j)
            let dh = lanes(s.dh + o + j, n)
            switch cell {
            case .elman:
                let h = lanes(gate + j, n)
                store(dh * (1 - h * h), r + j, n)
                store(SIMD8(), s.dhPrevious + o + j, n)
            case .lstm:
                let (i, f) = (lanes(gate + j, n), lanes(gate + hidden + j, n))
                let (g, out) = (lanes(gate + 2 * hidden + j, n), lanes(gate + 3 * hidden + j, n))
                let (c0, c) = (lanes(cells + previous + j, n), lanes(cells + next + j, n))
                let tc = hyperbolicTangent(c)
                let dzo = dh * tc * out * (1 - out)
                let dcc = lanes(s.dc + o + j, n) + dh * out * (1 - tc * tc) + dzo * lanes(p + 2 * hidden + j, n)
                let dzi = dcc * g * i * (1 - i), dzf = dcc * c0 * f * (1 - f), dzg = dcc * i * (1 - g * g)
                store(dzi, r + j, n); store(dzf, r + hidden + j, n); store(dzg, r + 2 * hidden + j, n); store(dzo, r + 3 * hidden + j, n)
                store(dcc * f + dzi * lanes(p + j, n) + dzf * lanes(p + hidden + j, n), s.dcPrevious + o + j, n)
                store(SIMD8(), s.dhPrevious + o + j, n)
                store(lanes(dp + j, n) + dzi * c0, dp + j, n)
                store(lanes(dp + hidden + j, n) + dzf * c0, dp + hidden + j, n)
                store(lanes(dp + 2 * hidden + j, n) + dzo * c, dp + 2 * hidden + j, n)
            case .gru:
                let (reset, z, candidate) = (lanes(gate + j, n), lanes(gate + hidden + j, n), lanes(gate + 2 * hidden + j, n))
                let dzn = dh * (1 - z) * (1 - candidate * candidate)
                store(dzn * lanes(resetInputs + previous + j, n) * reset * (1 - reset), r + j, n)
                store(dh * (lanes(states + previous + j, n) - candidate) * z * (1 - z), r + hidden + j, n)
                store(dzn, r + 2 * hidden + j, n)
                store(dh * z, s.dhPrevious + o + j, n)
            }
        }
    }
}
