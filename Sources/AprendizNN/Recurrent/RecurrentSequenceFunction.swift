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

    /// Runs the time loop; returns the outputs `[batch, steps, hidden]`.
    func forward(_ projected: Tensor, weight: Tensor, bias: Tensor, peepholes: Tensor?) -> Tensor {
        var output = Tensor.zeros([batch, steps, hidden])
        let recurrent = UnsafeMutablePointer<Float>.allocate(capacity: batch * width)
        defer { recurrent.deallocate() }
        let (batch, steps, hidden, width) = (self.batch, self.steps, self.hidden, self.width)
        let p = peepholes?.scalars ?? [Float](repeating: 0, count: 3 * hidden)
        output.withUnsafeMutableBufferPointer { out in
        projected.withUnsafeBufferPointer { a in
        weight.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { b in
        p.withUnsafeBufferPointer { peep in
            for t in 0..<steps {
                for row in 0..<batch { (recurrent + row * width).update(from: b.baseAddress!, count: width) }
                MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: batch, n: width, k: hidden, alpha: 1,
                                     a: states + t * batch * hidden, lda: hidden, b: w.baseAddress!, ldb: width,
                                     beta: 1, c: recurrent, ldc: width)
                for row in 0..<batch {
                    let previous = (t * batch + row) * hidden, next = previous + batch * hidden
                    guard t < lengths[row] else {
                        (states + next).update(from: states + previous, count: hidden)
                        if case .lstm = cell { (cells + next).update(from: cells + previous, count: hidden) }
                        continue
                    }
                    step(a: a.baseAddress! + (row * steps + t) * width, r: recurrent + row * width,
                         gate: gates + (t * batch + row) * width, previous: previous, next: next, peepholes: peep.baseAddress!)
                    (out.baseAddress! + (row * steps + t) * hidden).update(from: states + next, count: hidden)
                }
            }
        }}}}}
        return output
    }

    /// One cell step for one sequence, eight hidden units at a time: reads a (the input projection) and
    /// r, writes the gates and the new state.
    private func step(a: UnsafePointer<Float>, r: UnsafePointer<Float>, gate: UnsafeMutablePointer<Float>,
                      previous: Int, next: Int, peepholes p: UnsafePointer<Float>) {
        let hidden = self.hidden
        for j in stride(from: 0, to: hidden, by: 8) {
            let n = Swift.min(8, hidden - j)
            func z(_ block: Int) -> SIMD8<Float> { lanes(a + block * hidden + j, n) + lanes(r + block * hidden + j, n) }
            switch cell {
            case .elman:
                let h = hyperbolicTangent(z(0))
                store(h, gate + j, n)
                store(h, states + next + j, n)
            case .lstm:
                let c0 = lanes(cells + previous + j, n)
                let i = logistic(z(0) + lanes(p + j, n) * c0), f = logistic(z(1) + lanes(p + hidden + j, n) * c0)
                let g = hyperbolicTangent(z(2))
                let c = f * c0 + i * g
                let o = logistic(z(3) + lanes(p + 2 * hidden + j, n) * c)
                store(i, gate + j, n); store(f, gate + hidden + j, n)
                store(g, gate + 2 * hidden + j, n); store(o, gate + 3 * hidden + j, n)
                store(c, cells + next + j, n)
                store(o * hyperbolicTangent(c), states + next + j, n)
            case .gru:
                let reset = logistic(z(0)), update = logistic(z(1))
                let rn = lanes(r + 2 * hidden + j, n)
                let candidate = hyperbolicTangent(lanes(a + 2 * hidden + j, n) + reset * rn)
                store(reset, gate + j, n); store(update, gate + hidden + j, n); store(candidate, gate + 2 * hidden + j, n)
                store(rn, resetInputs + previous + j, n)
                store((1 - update) * candidate + update * lanes(states + previous + j, n), states + next + j, n)
            }
        }
    }
}

/// The first `count` (≤ 8) floats at `p` as lanes (the rest 0).
@inline(__always) func lanes(_ p: UnsafePointer<Float>, _ count: Int) -> SIMD8<Float> {
    if count == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    var v = SIMD8<Float>()
    for k in 0..<count { v[k] = p[k] }
    return v
}

/// Writes the first `count` (≤ 8) lanes of `v` to `p`.
@inline(__always) func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
    if count == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
    for k in 0..<count { p[k] = v[k] }
}

/// σ(x) = 1/(1 + e⁻ˣ), eight lanes.
@inline(__always) func logistic(_ x: SIMD8<Float>) -> SIMD8<Float> { 1 / (1 + VectorMath.exp(-x)) }

/// tanh(x) = 2σ(2x) − 1, eight lanes.
@inline(__always) func hyperbolicTangent(_ x: SIMD8<Float>) -> SIMD8<Float> { 2 / (1 + VectorMath.exp(-2 * x)) - 1 }
