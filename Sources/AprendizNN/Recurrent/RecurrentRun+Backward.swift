import AprendizTensor
import Foundation

// Backpropagation through time for ``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``:
// the cells' pointwise derivatives (written out below) and one pair of small products per step.

extension RecurrentRun {
    struct Gradients {
        var projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?
    }

    /// Carries δh (and δc) from the last step to the first.
    func backward(_ upstream: Tensor, projected: Tensor, weight: Tensor, peepholes: Tensor?, truncation: Int?) -> Gradients {
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        var dProjected = Tensor.zeros([batch, steps, width]), dWeight = Tensor.zeros([hidden, width])
        var dBias = [Float](repeating: 0, count: width), dPeepholes = [Float](repeating: 0, count: 3 * hidden)
        var dh = [Float](repeating: 0, count: batch * hidden), dc = dh
        var dhPrevious = dh, dcPrevious = dh
        var dRecurrent = [Float](repeating: 0, count: batch * width)
        let p = peepholes?.scalars ?? [], g = upstream.scalars
        for t in stride(from: steps - 1, through: 0, by: -1) {
            for row in 0..<batch {
                let o = row * hidden
                guard t < lengths[row] else {
                    for j in 0..<hidden { (dhPrevious[o + j], dcPrevious[o + j]) = (dh[o + j], dc[o + j]) }
                    for j in 0..<width { dRecurrent[row * width + j] = 0 }
                    continue
                }
                for j in 0..<hidden { dh[o + j] += g[(row * steps + t) * hidden + j] }
                stepBackward(t: t, row: row, dh: dh, dc: dc, dRecurrent: &dRecurrent, dhPrevious: &dhPrevious,
                             dcPrevious: &dcPrevious, dPeepholes: &dPeepholes, peepholes: p)
                dProjected.withUnsafeMutableBufferPointer { d in
                    for j in 0..<width { d[(row * steps + t) * width + j] = dRecurrent[row * width + j] }
                }
                if cell == .gru {   // ∂L/∂a_n = ∂L/∂z_n, while ∂L/∂r_n = ∂L/∂z_n ⊙ r
                    for j in 0..<hidden { dRecurrent[row * width + 2 * hidden + j] *= gates[(t * batch + row) * width + j] }
                }
            }
            accumulateProducts(t: t, dRecurrent: dRecurrent, weight: weight, dWeight: &dWeight, dhPrevious: &dhPrevious)
            for row in 0..<batch where t < lengths[row] { for j in 0..<width { dBias[j] += dRecurrent[row * width + j] } }
            let cut = truncation.map { t % $0 == 0 } ?? false
            for k in dh.indices { (dh[k], dc[k]) = cut ? (0, 0) : (dhPrevious[k], dcPrevious[k]) }
        }
        return Gradients(projected: dProjected, weight: dWeight, bias: Tensor(shape: [width], scalars: dBias),
                         peepholes: peepholes == nil ? nil : Tensor(shape: [3, hidden], scalars: dPeepholes))
    }

    /// ∂L/∂W_hh += h_{t−1}ᵀ·∂L/∂r_t and δh_{t−1} += ∂L/∂r_t·W_hhᵀ (rows past a sequence's end hold 0 in ∂L/∂r_t).
    private func accumulateProducts(t: Int, dRecurrent: [Float], weight: Tensor, dWeight: inout Tensor, dhPrevious: inout [Float]) {
        let (batch, hidden, width) = (self.batch, self.hidden, self.width)
        states.withUnsafeBufferPointer { h in
            dRecurrent.withUnsafeBufferPointer { dr in
                dWeight.withUnsafeMutableBufferPointer { dw in
                    MatrixMultiply.sgemm(transposeA: true, transposeB: false, m: hidden, n: width, k: batch, alpha: 1,
                                         a: h.baseAddress! + t * batch * hidden, lda: hidden, b: dr.baseAddress!, ldb: width,
                                         beta: 1, c: dw.baseAddress!, ldc: width)
                }
                weight.withUnsafeBufferPointer { w in
                    dhPrevious.withUnsafeMutableBufferPointer { dhp in
                        MatrixMultiply.sgemm(transposeA: false, transposeB: true, m: batch, n: hidden, k: width, alpha: 1,
                                             a: dr.baseAddress!, lda: width, b: w.baseAddress!, ldb: width,
                                             beta: 1, c: dhp.baseAddress!, ldc: hidden)
                    }
                }
            }
        }
    }

    /// The pointwise derivative of one step of one sequence: writes ∂L/∂z (into `dRecurrent`), the direct
    /// part of δh_{t−1} and δc_{t−1}, and adds the peephole gradients.
    private func stepBackward(t: Int, row: Int, dh: [Float], dc: [Float], dRecurrent: inout [Float], dhPrevious: inout [Float],
                              dcPrevious: inout [Float], dPeepholes: inout [Float], peepholes p: [Float]) {
        let (batch, hidden, width) = (self.batch, self.hidden, self.width)
        let o = row * hidden, r = row * width, gate = (t * batch + row) * width
        let previous = (t * batch + row) * hidden, next = previous + batch * hidden
        switch cell {
        case .elman:
            for j in 0..<hidden {
                let h = gates[gate + j]
                dRecurrent[r + j] = dh[o + j] * (1 - h * h)
                dhPrevious[o + j] = 0
            }
        case .lstm(let peep):
            for j in 0..<hidden {
                let (i, f) = (gates[gate + j], gates[gate + hidden + j])
                let (g, out) = (gates[gate + 2 * hidden + j], gates[gate + 3 * hidden + j])
                let (c0, c) = (cells[previous + j], cells[next + j])
                let tc = Foundation.tanh(c)
                let dzo = dh[o + j] * tc * out * (1 - out)
                let dcc = dc[o + j] + dh[o + j] * out * (1 - tc * tc) + (peep ? dzo * p[2 * hidden + j] : 0)
                let dzi = dcc * g * i * (1 - i), dzf = dcc * c0 * f * (1 - f), dzg = dcc * i * (1 - g * g)
                (dRecurrent[r + j], dRecurrent[r + hidden + j]) = (dzi, dzf)
                (dRecurrent[r + 2 * hidden + j], dRecurrent[r + 3 * hidden + j]) = (dzg, dzo)
                dcPrevious[o + j] = dcc * f + (peep ? dzi * p[j] + dzf * p[hidden + j] : 0)
                dhPrevious[o + j] = 0
                if peep {
                    dPeepholes[j] += dzi * c0
                    dPeepholes[hidden + j] += dzf * c0
                    dPeepholes[2 * hidden + j] += dzo * c
                }
            }
        case .gru:
            let reset = (t * batch + row) * hidden
            for j in 0..<hidden {
                let (rg, z, n) = (gates[gate + j], gates[gate + hidden + j], gates[gate + 2 * hidden + j])
                let dzn = dh[o + j] * (1 - z) * (1 - n * n)
                dRecurrent[r + j] = dzn * resetInputs[reset + j] * rg * (1 - rg)
                dRecurrent[r + hidden + j] = dh[o + j] * (states[previous + j] - n) * z * (1 - z)
                dRecurrent[r + 2 * hidden + j] = dzn
                dhPrevious[o + j] = dh[o + j] * z
            }
        }
    }
}
