import AprendizAutodiff
import AprendizTensor
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
///   - hiddenWeight: W_hh, `[hidden, gates·hidden]`. `hiddenBias`: b_hh, `[gates·hidden]`.
///   - peepholes: `[3, hidden]` (pᵢ, p_f, p_o) for `.lstm(peepholes: true)`, otherwise `nil`.
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

/// The saved state of one run of ``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``.
final class RecurrentRun {
    let cell: RecurrentCell, batch: Int, steps: Int, hidden: Int, lengths: [Int]
    var width: Int { cell.gateCount * hidden }
    /// h_t for t = −1 … T − 1, `[steps + 1, batch, hidden]` (h₋₁ = 0).
    var states: [Float]
    /// c_t likewise (LSTM only).
    var cells: [Float]
    /// Gate activations per step, `[steps, batch, width]` (LSTM: i f g o; GRU: r z n; Elman: h).
    var gates: [Float]
    /// r_n = h·W_hn + b_hn per step, `[steps, batch, hidden]` (GRU only).
    var resetInputs: [Float]

    init(cell: RecurrentCell, batch: Int, steps: Int, hidden: Int, lengths: [Int]) {
        (self.cell, self.batch, self.steps, self.hidden, self.lengths) = (cell, batch, steps, hidden, lengths)
        let stateCount = (steps + 1) * batch * hidden
        states = [Float](repeating: 0, count: stateCount)
        cells = [Float](repeating: 0, count: { if case .lstm = cell { stateCount } else { 0 } }())
        gates = [Float](repeating: 0, count: steps * batch * cell.gateCount * hidden)
        resetInputs = [Float](repeating: 0, count: cell == .gru ? steps * batch * hidden : 0)
    }

    /// Runs the time loop; returns the outputs `[batch, steps, hidden]`.
    func forward(_ projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?) -> Tensor {
        var output = Tensor.zeros([batch, steps, hidden])
        var recurrent = [Float](repeating: 0, count: batch * width)
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        output.withUnsafeMutableBufferPointer { out in
        projected.withUnsafeBufferPointer { a in
        weight.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { b in
            let p = peepholes?.scalars ?? []
            for t in 0..<steps {
                states.withUnsafeBufferPointer { h in
                    recurrent.withUnsafeMutableBufferPointer { r in
                        for row in 0..<batch { (r.baseAddress! + row * width).update(from: b.baseAddress!, count: width) }
                        MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: batch, n: width, k: hidden, alpha: 1,
                                             a: h.baseAddress! + t * batch * hidden, lda: hidden, b: w.baseAddress!, ldb: width,
                                             beta: 1, c: r.baseAddress!, ldc: width)
                    }
                }
                for row in 0..<batch {
                    let previous = (t * batch + row) * hidden, next = previous + batch * hidden
                    guard t < lengths[row] else {
                        for j in 0..<hidden { states[next + j] = states[previous + j] }
                        if !cells.isEmpty { for j in 0..<hidden { cells[next + j] = cells[previous + j] } }
                        continue
                    }
                    let inputOffset = (row * steps + t) * width, gateOffset = (t * batch + row) * width
                    step(a: a.baseAddress! + inputOffset, r: recurrent, rowOffset: row * width, gateOffset: gateOffset,
                         previous: previous, next: next, peepholes: p)
                    for j in 0..<hidden { out[(row * steps + t) * hidden + j] = states[next + j] }
                }
            }
        }}}}
        return output
    }

    /// One cell step for one sequence: reads a (the input projection) and r, writes the state and gates.
    private func step(a: UnsafePointer<Float>, r: [Float], rowOffset: Int, gateOffset: Int, previous: Int, next: Int,
                      peepholes p: [Float]) {
        let hidden = self.hidden
        switch cell {
        case .elman:
            for j in 0..<hidden {
                let h = Foundation.tanh(a[j] + r[rowOffset + j])
                gates[gateOffset + j] = h
                states[next + j] = h
            }
        case .lstm(let peep):
            for j in 0..<hidden {
                let c0 = cells[previous + j]
                let i = logistic(a[j] + r[rowOffset + j] + (peep ? p[j] * c0 : 0))
                let f = logistic(a[hidden + j] + r[rowOffset + hidden + j] + (peep ? p[hidden + j] * c0 : 0))
                let g = Foundation.tanh(a[2 * hidden + j] + r[rowOffset + 2 * hidden + j])
                let c = f * c0 + i * g
                let o = logistic(a[3 * hidden + j] + r[rowOffset + 3 * hidden + j] + (peep ? p[2 * hidden + j] * c : 0))
                (gates[gateOffset + j], gates[gateOffset + hidden + j]) = (i, f)
                (gates[gateOffset + 2 * hidden + j], gates[gateOffset + 3 * hidden + j]) = (g, o)
                cells[next + j] = c
                states[next + j] = o * Foundation.tanh(c)
            }
        case .gru:
            let resetOffset = gateOffset / 3
            for j in 0..<hidden {
                let reset = logistic(a[j] + r[rowOffset + j])
                let z = logistic(a[hidden + j] + r[rowOffset + hidden + j])
                let rn = r[rowOffset + 2 * hidden + j]
                let n = Foundation.tanh(a[2 * hidden + j] + reset * rn)
                (gates[gateOffset + j], gates[gateOffset + hidden + j], gates[gateOffset + 2 * hidden + j]) = (reset, z, n)
                resetInputs[resetOffset + j] = rn
                states[next + j] = (1 - z) * n + z * states[previous + j]
            }
        }
    }
}

/// σ(x) = 1/(1 + e⁻ˣ).
@inline(__always) func logistic(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }
