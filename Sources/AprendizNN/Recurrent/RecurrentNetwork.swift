import AprendizAutodiff
import AprendizTensor

/// A recurrent network (§23.4): stacked layers of simple RNN, LSTM or GRU cells, optionally
/// bidirectional, returning every step's state (sequence to sequence) or the final one (sequence to one).
///
/// ```
/// input: [batch, steps, inputs]  (batch first)       lengths: optional, for a padded batch
/// layer 1: h¹_t = cell(x_t, h¹_{t−1});  layer l: the input is layer l − 1's output
/// bidirectional: a second layer reads each sequence backwards (within its length); outputs are [h→, h←]
/// returnSequences = true:  [batch, steps, D·H]  (0 past each sequence's length)
/// returnSequences = false: [batch, D·H]  the last layer's final states [h→ at step length − 1, h← at step 0]
/// ```
/// D = 2 when bidirectional, else 1. The layers are `layers.(l·D + d)` (``RecurrentLayer``), matching
/// PyTorch's `weight_ih_l{l}` and `weight_ih_l{l}_reverse` (transposed); with the same weights the outputs
/// equal `torch.nn.RNN`/`LSTM`/`GRU(batch_first=True)` and, with lengths, their packed sequences.
/// `truncation` k gives truncated backpropagation through time (windows of k steps).
/// PyTorch has no peepholes; `.lstm(peepholes: true)` follows Gers & Schmidhuber (2000).
public final class RecurrentNetwork: Module {
    /// The cell of every layer.
    public let cell: RecurrentCell
    /// The layers, `layerCount · directions` of them, layer by layer, forward direction first.
    public let layers: [RecurrentLayer]
    /// Whether each layer also reads the sequence backwards.
    public let bidirectional: Bool
    /// Whether the output holds every step (`true`) or only the final states (`false`).
    public let returnSequences: Bool
    /// The window of truncated backpropagation through time, or `nil` for full backpropagation.
    public let truncation: Int?

    /// The number of input features.
    public var inputCount: Int { layers[0].inputCount }
    /// H, the state size of each direction.
    public var hiddenCount: Int { layers[0].hiddenCount }
    /// The number of stacked layers.
    public var layerCount: Int { layers.count / (bidirectional ? 2 : 1) }

    /// - Parameters:
    ///   - cell: `.elman`, `.lstm(peepholes:)` or `.gru`.
    ///   - inputs: features per step.
    ///   - hidden: H, the state size of each direction.
    ///   - layers: stacked layers (default 1).
    ///   - bidirectional: also run each layer backwards in time (default `false`).
    ///   - returnSequences: every step (default `true`) or the final states.
    ///   - truncation: truncated-BPTT window in steps, or `nil` (default).
    ///   - generator: the source of the initial weights.
    public init(_ cell: RecurrentCell, inputs: Int, hidden: Int, layers: Int = 1, bidirectional: Bool = false,
                returnSequences: Bool = true, truncation: Int? = nil, using generator: inout RandomGenerator) {
        require(layers >= 1, "RecurrentNetwork: invalid layer count \(layers)")
        if let truncation { require(truncation >= 1, "RecurrentNetwork: truncation \(truncation) is not positive") }
        let directions = bidirectional ? 2 : 1
        self.cell = cell
        self.layers = (0..<(layers * directions)).map { index in
            RecurrentLayer(cell, inputs: index < directions ? inputs : directions * hidden, hidden: hidden, using: &generator)
        }
        self.bidirectional = bidirectional
        self.returnSequences = returnSequences
        self.truncation = truncation
        super.init()
    }

    /// The same network drawing from the default generator.
    public convenience init(_ cell: RecurrentCell, inputs: Int, hidden: Int, layers: Int = 1, bidirectional: Bool = false,
                            returnSequences: Bool = true, truncation: Int? = nil) {
        var generator = RandomGenerator.withGlobal { RandomGenerator(seed: $0.next()) }
        self.init(cell, inputs: inputs, hidden: hidden, layers: layers, bidirectional: bidirectional,
                  returnSequences: returnSequences, truncation: truncation, using: &generator)
    }

    public override func callAsFunction(_ input: Variable) -> Variable { self(input, lengths: nil) }

    /// Runs the network over a batch whose sequences have the given `lengths` (`nil`: all full length).
    public func callAsFunction(_ input: Variable, lengths: [Int]?) -> Variable {
        require(input.shape.count == 3 && input.shape[2] == inputCount,
                "RecurrentNetwork: input of shape \(input.shape) is not [batch, steps, \(inputCount)]")
        let (batch, steps) = (input.shape[0], input.shape[1])
        let lengths = lengths ?? Array(repeating: steps, count: batch)
        require(lengths.count == batch && lengths.allSatisfy { $0 >= 1 && $0 <= steps },
                "RecurrentNetwork: lengths \(lengths) do not fit a batch of \(batch) sequences of \(steps) steps")
        let reversal = SequenceReversal(lengths: lengths, steps: steps)
        var sequence = input
        var directions: [Variable] = []
        for layer in 0..<layerCount {
            let forward = layers[layer * (bidirectional ? 2 : 1)](sequence, lengths: lengths, truncation: truncation)
            directions = [forward]
            if bidirectional {
                let backward = layers[layer * 2 + 1](reversal.apply(sequence), lengths: lengths, truncation: truncation)
                directions.append(reversal.apply(backward))
            }
            sequence = directions.count == 1 ? forward : Variable.concatenate(directions, axis: 2)
        }
        if returnSequences { return sequence }
        var finals = [reversal.finalStep(of: directions[0])]
        if bidirectional { finals.append(directions[1].slice(axis: 1, 0..<1).reshaped([batch, hiddenCount])) }
        return finals.count == 1 ? finals[0] : Variable.concatenate(finals, axis: 1)
    }
}

/// Reverses each sequence of a padded batch within its own length (steps past it stay in place).
struct SequenceReversal {
    let lengths: [Int], steps: Int

    /// Row indices into `[batch·steps, …]`: step t of sequence b reads step length − 1 − t.
    var rows: [Int] {
        lengths.enumerated().flatMap { b, length in (0..<steps).map { t in b * steps + (t < length ? length - 1 - t : t) } }
    }

    /// `[batch, steps, features]` with each sequence reversed.
    func apply(_ x: Variable) -> Variable {
        let features = x.shape[2]
        return x.reshaped([-1, features]).selecting(rows, axis: 0).reshaped(x.shape)
    }

    /// `[batch, steps, features] → [batch, features]`: each sequence's step length − 1.
    func finalStep(of x: Variable) -> Variable {
        x.reshaped([-1, x.shape[2]]).selecting(lengths.enumerated().map { b, length in b * steps + length - 1 }, axis: 0)
    }
}
