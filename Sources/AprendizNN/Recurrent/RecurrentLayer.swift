import AprendizAutodiff
import AprendizTensor

/// One layer of one direction of a recurrent network (§23.4): the weights of a ``RecurrentCell`` and
/// its run over a sequence. ``RecurrentNetwork`` stacks these.
///
/// ```
/// a = x·W_ih + b_ih         all steps at once: [batch·steps, inputs]·[inputs, G·H], one matrix product
/// h_t = cell(a_t, h_{t−1}·W_hh + b_hh, …)   (``recurrentSequence(_:hiddenWeight:hiddenBias:peepholes:cell:lengths:truncation:)``)
/// ```
/// Weights are `[inputs, G·H]` and `[H, G·H]` (the ``Dense`` layout, x·W); PyTorch's `weight_ih_l0` and
/// `weight_hh_l0` are their transposes, its `bias_ih_l0`/`bias_hh_l0` are `inputBias`/`hiddenBias`. All
/// start from U(−1/√H, 1/√H) as in PyTorch; peepholes start at 0.
public final class RecurrentLayer: Module {
    /// The cell this layer runs.
    public let cell: RecurrentCell
    /// W_ih, `[inputs, gates·hidden]`.
    public let inputWeight: Variable
    /// W_hh, `[hidden, gates·hidden]`.
    public let hiddenWeight: Variable
    /// b_ih, `[gates·hidden]`.
    public let inputBias: Variable
    /// b_hh, `[gates·hidden]`.
    public let hiddenBias: Variable
    /// The peephole weights `[3, hidden]` (pᵢ, p_f, p_o) of an LSTM with peepholes, else `nil`.
    public let peepholes: Variable?

    /// The number of input features.
    public var inputCount: Int { inputWeight.shape[0] }
    /// H, the size of the hidden state.
    public var hiddenCount: Int { hiddenWeight.shape[0] }

    /// A layer of `cell` from `inputs` features to a state of `hidden`, drawing from `generator`.
    public init(_ cell: RecurrentCell, inputs: Int, hidden: Int, using generator: inout RandomGenerator) {
        require(inputs > 0 && hidden > 0, "RecurrentLayer: invalid size \(inputs) → \(hidden)")
        self.cell = cell
        let width = cell.gateCount * hidden, limit = 1 / Float(hidden).squareRoot()
        func uniform(_ shape: [Int]) -> Variable {
            Variable(Tensor.randomUniform(shape, in: -limit...limit, using: &generator), requiresGradient: true)
        }
        inputWeight = uniform([inputs, width])
        hiddenWeight = uniform([hidden, width])
        inputBias = uniform([width])
        hiddenBias = uniform([width])
        peepholes = cell == .lstm(peepholes: true) ? Variable(Tensor.zeros([3, hidden]), requiresGradient: true) : nil
        super.init()
    }

    /// The hidden states of every step, `[batch, steps, inputs] → [batch, steps, hidden]` (0 past each length).
    public func callAsFunction(_ input: Variable, lengths: [Int]?, truncation: Int? = nil) -> Variable {
        require(input.shape.count == 3 && input.shape[2] == inputCount,
                "RecurrentLayer: input of shape \(input.shape) is not [batch, steps, \(inputCount)]")
        let (batch, steps) = (input.shape[0], input.shape[1])
        let projected = linear(input.reshaped([batch * steps, inputCount]), weight: inputWeight, bias: inputBias,
                               operation: "RecurrentLayer").reshaped([batch, steps, cell.gateCount * hiddenCount])
        return recurrentSequence(projected, hiddenWeight: hiddenWeight, hiddenBias: hiddenBias, peepholes: peepholes,
                                 cell: cell, lengths: lengths, truncation: truncation)
    }

    public override func callAsFunction(_ input: Variable) -> Variable { self(input, lengths: nil) }
}
