import AprendizAutodiff
import AprendizTensor
import CAprendizSIMD
import Foundation

/// Runs a recurrent cell over every time step as one differentiable operation, with
/// backpropagation through time written by hand (§23.2–§23.5; ``RecurrentCell`` gives each step).
///
/// ```
/// a: [batch, steps, G·H]  the input projections x_t·W_ih + b_ih of all steps (one matrix product, made by the caller)
/// for t = 0 … T − 1:   r_t = h_{t−1}·W_hh + b_hh   (W_hh: [H, G·H])      (h₋₁ = c₋₁ = 0)
///                      (h_t, c_t) = cell(a_t, r_t, h_{t−1}, c_{t−1}, peepholes)
/// output: [batch, steps, H], the h_t
/// backward, t = T − 1 … 0:  δ_t = ∂L/∂h_t (from the output and from step t + 1)
///   ∂L/∂z_t = the cell's pointwise derivative;   ∂L/∂a_t = ∂L/∂z_t (GRU: the n block without the reset gate)
///   ∂L/∂W_hh += h_{t−1}ᵀ·∂L/∂r_t;   ∂L/∂b_hh += Σ_batch ∂L/∂r_t;   δ_{t−1} += ∂L/∂r_t·W_hhᵀ
/// ```
/// Each step is one small matrix product and one pass over the gates, with no graph node per step.
/// The cell's gate activations are kept from the forward pass.
///
/// - `lengths`: per-sequence lengths for a padded batch (masking): at steps t ≥ length the state is
///   carried unchanged and the output is 0, so the last valid state is the final one (what PyTorch's
///   packed sequences give).
/// - `truncation`: truncated backpropagation through time with windows of k steps: the gradient
///   does not flow from step t into step t − 1 when t is a multiple of k (the state is treated as a
///   constant there, as if detached). `nil`: full backpropagation.
///
/// The gradients are computed in the backward pass from saved tensors, so they are constants: a
/// second derivative through this operation is not available (`createGraph: true` gives none).
/// - Parameters:
///   - projected: a, `[batch, steps, gates·hidden]`.
///   - hiddenWeight: W_hh, `[hidden, gates·hidden]`.
///   - hiddenBias: b_hh, `[gates·hidden]`.
///   - peepholes: `[3, hidden]` (pᵢ, p_f, p_o) for `.lstm(peepholes: true)`, otherwise `nil`.
///   - cell: `.elman`, `.lstm(peepholes:)` or `.gru`.
///   - lengths: per-sequence lengths for a padded batch, or `nil` (see above).
///   - truncation: the truncated-BPTT window in steps, or `nil` (see above).
public func recurrentSequence(_ projected: Variable, hiddenWeight: Variable, hiddenBias: Variable, peepholes: Variable? = nil,
                              cell: RecurrentCell, lengths: [Int]? = nil, truncation: Int? = nil) -> Variable {
    let hidden = hiddenWeight.shape.first ?? 0, width = cell.gateCount * hidden
    require(projected.shape.count == 3 && projected.shape[2] == width && hiddenWeight.shape == [hidden, width],
            "recurrentSequence: projections \(projected.shape) and hidden weight \(hiddenWeight.shape) do not fit a "
                + "\(cell.name) cell ([batch, steps, \(cell.gateCount)·hidden] and [hidden, \(cell.gateCount)·hidden])")
    require(hiddenBias.shape == [width], "recurrentSequence: hidden bias \(hiddenBias.shape) is not [\(width)]")
    require((peepholes != nil) == (cell == .lstm(peepholes: true)) && (peepholes.map { $0.shape == [3, hidden] } ?? true),
            "recurrentSequence: a \(cell.name) cell takes \(cell == .lstm(peepholes: true) ? "peepholes [3, \(hidden)]" : "no peepholes"), "
                + "got \(peepholes.map { "\($0.shape)" } ?? "none")")
    let (batch, steps) = (projected.shape[0], projected.shape[1])
    let lengths = lengths ?? Array(repeating: steps, count: batch)
    require(lengths.count == batch && lengths.allSatisfy { $0 >= 1 && $0 <= steps },
            "recurrentSequence: lengths \(lengths) do not fit a batch of \(batch) sequences of \(steps) steps")
    if let truncation { require(truncation >= 1, "recurrentSequence: truncation \(truncation) is not positive") }
    let run = RecurrentRun(cell: cell, batch: batch, steps: steps, hidden: hidden, lengths: lengths)
    let output = run.forward(projected.value, weight: hiddenWeight.value, bias: hiddenBias.value, peepholes: peepholes?.value)
    let inputs = [projected, hiddenWeight, hiddenBias] + (peepholes.map { [$0] } ?? [])
    return Variable.recording(output, inputs: inputs, operation: "recurrent-\(cell.name)") { g, _ in
        let grads = run.backward(g.value, projected: projected.value, weight: hiddenWeight.value,
                                 peepholes: peepholes?.value, truncation: truncation)
        return [Variable(grads.projected), Variable(grads.weight), Variable(grads.bias)] + (grads.peepholes.map { [Variable($0)] } ?? [])
    }
}

/// The saved state of one run of ``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``,
/// in buffers it owns (the time loop reads and writes them through pointers, eight hidden units at a time).
final class RecurrentRun {
    let cell: RecurrentCell, batch: Int, steps: Int, hidden: Int, lengths: [Int]
    let width: Int
    /// h_t for t = −1 … T − 1, `[steps + 1, batch, hidden]` (h₋₁ = 0).
    let states: UnsafeMutablePointer<Float>
    /// c_t likewise (LSTM; unused otherwise).
    let cells: UnsafeMutablePointer<Float>
    /// Gate activations per step, `[steps, batch, width]` (LSTM: i f g o; GRU: r z n; Elman: h).
    let gates: UnsafeMutablePointer<Float>
    /// r_n = h·W_hn + b_hn per step, `[steps, batch, hidden]` (GRU; unused otherwise).
    let resetInputs: UnsafeMutablePointer<Float>

    init(cell: RecurrentCell, batch: Int, steps: Int, hidden: Int, lengths: [Int]) {
        (self.cell, self.batch, self.steps, self.hidden, self.lengths) = (cell, batch, steps, hidden, lengths)
        width = cell.gateCount * hidden
        func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
            p.initialize(repeating: 0, count: Swift.max(count, 1))
            return p
        }
        let stateCount = (steps + 1) * batch * hidden
        states = zeros(stateCount)
        cells = zeros({ if case .lstm = cell { stateCount } else { 0 } }())
        gates = zeros(steps * batch * width)
        resetInputs = zeros(cell == .gru ? steps * batch * hidden : 0)
    }

    deinit {
        for p in [states, cells, gates, resetInputs] { p.deallocate() }
    }

    /// Rows of the batch per pool job in the cells' pointwise passes: the same split at every thread count.
    static let rowsPerChunk = 16
    /// The number of row chunks.
    var rowChunks: Int { (batch + Self.rowsPerChunk - 1) / Self.rowsPerChunk }

    /// Runs `body` on each chunk of rows, chunks in parallel: a step's cells are independent across the batch
    /// (an LSTM step of 64 rows × 256 units is 20–40 µs of gate arithmetic, which ran on the calling thread).
    func forEachRowChunk(_ body: (Range<Int>) -> Void) {
        Parallel.forEach(rowChunks) { chunk in
            body(chunk * Self.rowsPerChunk..<Swift.min(batch, (chunk + 1) * Self.rowsPerChunk))
        }
    }

    /// Runs the time loop; returns the outputs `[batch, steps, hidden]`.
    func forward(_ projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?) -> Tensor {
        var output = Tensor.zeros([batch, steps, hidden])
        let recurrent = UnsafeMutablePointer<Float>.allocate(capacity: batch * width)
        defer { recurrent.deallocate() }
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        let p = peepholes?.scalars ?? []
        output.withUnsafeMutableBufferPointer { out in
        projected.withUnsafeBufferPointer { a in
        weight.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { b in
        p.withUnsafeBufferPointer { peep in
            // W_hh is packed once for all the steps' products.
            let preparedWeight = MatrixMultiply.PreparedOperand(transposeB: false, k: hidden, n: width, b: w.baseAddress!, ldb: width)
            for t in 0..<steps {
                for row in 0..<batch { (recurrent + row * width).update(from: b.baseAddress!, count: width) }
                preparedWeight.multiply(transposeA: false, m: batch, alpha: 1, a: states + t * batch * hidden, lda: hidden,
                                        beta: 1, c: recurrent, ldc: width)
                forEachRowChunk { rows in
                    for row in rows {
                        let previous = (t * batch + row) * hidden, next = previous + batch * hidden
                        guard t < lengths[row] else {
                            (states + next).update(from: states + previous, count: hidden)
                            if case .lstm = cell { (cells + next).update(from: cells + previous, count: hidden) }
                            continue
                        }
                        step(a: a.baseAddress! + (row * steps + t) * width, r: recurrent + row * width,
                             gate: gates + (t * batch + row) * width, previous: previous, next: next, peepholes: p.isEmpty ? nil : peep.baseAddress)
                        (out.baseAddress! + (row * steps + t) * hidden).update(from: states + next, count: hidden)
                    }
                }
            }
        }}}}}
        return output
    }

    /// One cell step for one sequence (`aprendiz_recurrent_forward`, the dispatched C kernel): reads a (the
    /// input projection) and r, writes the gates and the new state.
    private func step(a: UnsafePointer<Float>, r: UnsafePointer<Float>, gate: UnsafeMutablePointer<Float>,
                      previous: Int, next: Int, peepholes: UnsafePointer<Float>?) {
        var step = aprendiz_recurrent_forward_step(
            hidden: hidden, projected: a, recurrent: r, peepholes: peepholes, state_previous: states + previous,
            cell_previous: cells + previous, gates: gate, state: states + next, cell: cells + next,
            reset_input: resetInputs + previous)
        aprendiz_recurrent_forward(cell.kernelCell, &step)
    }
}

extension RecurrentCell {
    /// The cell as the C kernels name it.
    var kernelCell: aprendiz_recurrent_cell {
        switch self {
        case .elman: aprendiz_cell_elman
        case .lstm: aprendiz_cell_lstm
        case .gru: aprendiz_cell_gru
        }
    }
}
