import AprendizTensor
import CAprendizSIMD
import Foundation

// Backpropagation through time for ``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``:
// the cells' pointwise derivatives (`aprendiz_recurrent_backward`, the dispatched C kernel, whose header
// writes them out) and one pair of small products per step.

extension RecurrentRun {
    struct Gradients {
        var projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?
    }

    /// Scratch rows of the backward pass, `[batch, hidden]` or `[batch, width]`, and the row chunks' partial
    /// ∂L/∂b (`[chunks, width]`) and ∂L/∂peepholes (`[chunks, 3·hidden]`).
    private struct Scratch {
        let dh, dc, dhPrevious, dcPrevious, dRecurrent, biasPartials, peepholePartials: UnsafeMutablePointer<Float>

        init(batch: Int, hidden: Int, width: Int, chunks: Int) {
            func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
                let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
                p.initialize(repeating: 0, count: count)
                return p
            }
            (dh, dc, dhPrevious, dcPrevious) = (zeros(batch * hidden), zeros(batch * hidden), zeros(batch * hidden), zeros(batch * hidden))
            dRecurrent = zeros(batch * width)
            (biasPartials, peepholePartials) = (zeros(chunks * width), zeros(chunks * 3 * hidden))
        }

        func deallocate() { for p in [dh, dc, dhPrevious, dcPrevious, dRecurrent, biasPartials, peepholePartials] { p.deallocate() } }
    }

    /// Carries δh (and δc) from the last step to the first.
    func backward(_ upstream: Tensor, projected: Tensor, weight: Tensor, peepholes: Tensor?, truncation: Int?) -> Gradients {
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        var dProjected = Tensor.zeros([batch, steps, width]), dWeight = Tensor.zeros([hidden, width])
        // ∂L/∂b and ∂L/∂peepholes sum over rows: each chunk of rows adds into its own partial sums (over all
        // steps), added in chunk order at the end, so the chunks can run in parallel and the result does not
        // depend on the thread count.
        let chunks = rowChunks
        let s = Scratch(batch: batch, hidden: hidden, width: width, chunks: chunks)
        defer { s.deallocate() }
        let p = peepholes?.scalars ?? []
        dProjected.withUnsafeMutableBufferPointer { dp in
        weight.withUnsafeBufferPointer { w in
        // W_hhᵀ is packed once for all the steps' δh products (gathering the transpose every step was a
        // tenth of the LSTM benchmark's step).
        let preparedTranspose = MatrixMultiply.PreparedOperand(transposeB: true, k: width, n: hidden, b: w.baseAddress!, ldb: width)
        upstream.withUnsafeBufferPointer { g in
        p.withUnsafeBufferPointer { peep in
            for t in stride(from: steps - 1, through: 0, by: -1) {
                forEachRowChunk { rows in
                    let chunk = rows.lowerBound / Self.rowsPerChunk
                    for row in rows {
                        let o = row * hidden
                        guard t < lengths[row] else {
                            (s.dhPrevious + o).update(from: s.dh + o, count: hidden)
                            (s.dcPrevious + o).update(from: s.dc + o, count: hidden)
                            (s.dRecurrent + row * width).update(repeating: 0, count: width)
                            continue
                        }
                        let previous = (t * batch + row) * hidden, next = previous + batch * hidden
                        var step = aprendiz_recurrent_backward_step(
                            hidden: hidden, gates: gates + (t * batch + row) * width, state_previous: states + previous,
                            cell_previous: cells + previous, cell: cells + next, reset_input: resetInputs + previous,
                            peepholes: p.isEmpty ? nil : peep.baseAddress, dh: s.dh + o,
                            upstream: g.baseAddress! + (row * steps + t) * hidden, dc: s.dc + o,
                            d_recurrent: s.dRecurrent + row * width, d_projected: dp.baseAddress! + (row * steps + t) * width,
                            d_bias: s.biasPartials + chunk * width, dh_previous: s.dhPrevious + o, dc_previous: s.dcPrevious + o,
                            d_peepholes: p.isEmpty ? nil : s.peepholePartials + chunk * 3 * hidden)
                        aprendiz_recurrent_backward(cell.kernelCell, &step)
                    }
                }
                accumulateProducts(t: t, dRecurrent: s.dRecurrent, weightTransposed: preparedTranspose, dWeight: &dWeight, dhPrevious: s.dhPrevious)
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
        /// Σ over chunks, in chunk order, of the `count` partial sums per chunk at `partials`.
        func chunkSums(_ partials: UnsafeMutablePointer<Float>, count: Int) -> [Float] {
            (0..<count).map { j in (0..<chunks).reduce(0) { $0 + partials[$1 * count + j] } }
        }
        let dBias = chunkSums(s.biasPartials, count: width), dPeepholes = chunkSums(s.peepholePartials, count: 3 * hidden)
        return Gradients(projected: dProjected, weight: dWeight, bias: Tensor(shape: [width], scalars: dBias),
                         peepholes: peepholes == nil ? nil : Tensor(shape: [3, hidden], scalars: dPeepholes))
    }

    /// ∂L/∂W_hh += h_{t−1}ᵀ·∂L/∂r_t and δh_{t−1} += ∂L/∂r_t·W_hhᵀ (rows past a sequence's end hold 0 in ∂L/∂r_t).
    private func accumulateProducts(t: Int, dRecurrent: UnsafeMutablePointer<Float>, weightTransposed: MatrixMultiply.PreparedOperand,
                                    dWeight: inout Tensor,
                                    dhPrevious: UnsafeMutablePointer<Float>) {
        let (batch, hidden, width) = (self.batch, self.hidden, self.width)
        dWeight.withUnsafeMutableBufferPointer { dw in
            MatrixMultiply.sgemm(transposeA: true, transposeB: false, m: hidden, n: width, k: batch, alpha: 1,
                                 a: states + t * batch * hidden, lda: hidden, b: dRecurrent, ldb: width,
                                 beta: 1, c: dw.baseAddress!, ldc: width)
        }
        weightTransposed.multiply(transposeA: false, m: batch, alpha: 1, a: dRecurrent, lda: width, beta: 1, c: dhPrevious, ldc: hidden)
    }
}
