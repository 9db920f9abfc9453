import AprendizAutodiff
import AprendizTensor

/// The state a recurrent layer carries from one step to the next: h (and, for an LSTM, c), `[batch, hidden]`.
public struct RecurrentState: Sendable {
    /// h_t, `[batch, hidden]`.
    public var hidden: Tensor
    /// c_t, `[batch, hidden]` (LSTM), else `nil`.
    public var cell: Tensor?

    /// A state of hidden values `hidden` `[batch, H]` and, for an LSTM, cell values `cell`.
    public init(hidden: Tensor, cell: Tensor? = nil) {
        self.hidden = hidden
        self.cell = cell
    }
}

extension RecurrentLayer {
    /// One time step from a given state, without recording a graph (generation, §23.4): h_t (and c_t)
    /// from x_t `[batch, inputs]` and the previous state (`nil`: h₋₁ = c₋₁ = 0).
    ///
    /// It runs the same cell kernel as the whole-sequence operation
    /// (``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``) for one step
    /// with the state copied in, so stepping a prompt character by character gives the states the
    /// sequence run gives.
    public func step(_ input: Tensor, from state: RecurrentState?) -> RecurrentState {
        require(input.shape.count == 2 && input.shape[1] == inputCount,
                "RecurrentLayer.step: input of shape \(input.shape) is not [batch, \(inputCount)]")
        let batch = input.shape[0], hidden = hiddenCount, width = cell.gateCount * hidden
        if let state {
            require(state.hidden.shape == [batch, hidden] && (state.cell.map { $0.shape == [batch, hidden] } ?? true),
                    "RecurrentLayer.step: state \(state.hidden.shape) does not fit [\(batch), \(hidden)]")
        }
        let projected = withoutGradient {
            linear(Variable(input), weight: inputWeight, bias: inputBias, operation: "RecurrentLayer.step").value
        }.reshaped([batch, 1, width])
        let run = RecurrentRun(cell: cell, batch: batch, steps: 1, hidden: hidden, lengths: Array(repeating: 1, count: batch))
        let isLSTM: Bool = { if case .lstm = cell { true } else { false } }()
        if let state {
            state.hidden.withUnsafeBufferPointer { run.states.update(from: $0.baseAddress!, count: batch * hidden) }
            if isLSTM, let c = state.cell {
                c.withUnsafeBufferPointer { run.cells.update(from: $0.baseAddress!, count: batch * hidden) }
            }
        }
        let output = run.forward(projected, weight: hiddenWeight.value, bias: hiddenBias.value, peepholes: peepholes?.value)
        let next = output.reshaped([batch, hidden])
        guard isLSTM else { return RecurrentState(hidden: next) }
        let c = Tensor(shape: [batch, hidden], scalars: Array(UnsafeBufferPointer(start: run.cells + batch * hidden, count: batch * hidden)))
        return RecurrentState(hidden: next, cell: c)
    }
}
