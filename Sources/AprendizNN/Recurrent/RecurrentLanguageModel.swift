import AprendizAutodiff
import AprendizTensor

/// The architecture of a ``RecurrentLanguageModel`` (stored as JSON in its model file).
public struct RecurrentLanguageModelConfiguration: Codable, Sendable, Equatable {
    /// The cell's name (``RecurrentCell/name``: `rnn`, `lstm`, `lstm-peephole`, `gru`).
    public var cell: String
    /// V, the number of symbols.
    public var vocabularySize: Int
    /// E, the embedding width.
    public var embeddingDimension: Int
    /// H, the state size of every layer.
    public var hiddenCount: Int
    /// Stacked recurrent layers.
    public var layerCount: Int

    /// The architecture of a model with `cell` layers.
    public init(cell: RecurrentCell, vocabularySize: Int, embeddingDimension: Int, hiddenCount: Int, layerCount: Int) {
        self.cell = cell.name
        self.vocabularySize = vocabularySize
        self.embeddingDimension = embeddingDimension
        self.hiddenCount = hiddenCount
        self.layerCount = layerCount
    }
}

/// A character-level recurrent language model (§23.4; Karpathy's char-rnn): each symbol's embedding
/// goes through a stack of recurrent layers, and a linear layer maps every state to the logits of the
/// next symbol.
///
/// ```
/// e_t = E[x_t]                      (Embedding, [V, E])
/// h¹_t = cell(e_t, h¹_{t−1}), …, hᴸ_t = cell(hᴸ⁻¹_t, hᴸ_{t−1})   (RecurrentNetwork, L layers of H)
/// z_t = hᴸ_t·W + b                   (Dense H → V)
/// L = −(1/(B·T)) Σ_b Σ_t log softmax(z_t)[x_{t+1}]     (the mean next-symbol cross-entropy, nats)
/// ```
/// Trained on windows of T symbols whose state starts at 0 (truncated backpropagation through time:
/// the gradient flows back at most T steps). ``generate(prompt:count:sampler:)`` carries the state
/// from symbol to symbol (``RecurrentLayer/step(_:from:)``), so the prompt is read once.
/// PyTorch's counterpart: `nn.Embedding` → `nn.LSTM`/`GRU`/`RNN(batch_first=True)` → `nn.Linear`
/// (`Benchmarks/pytorch_char_rnn.py`).
public final class RecurrentLanguageModel: Module {
    /// The architecture.
    public let configuration: RecurrentLanguageModelConfiguration
    /// E, `[V, E]`.
    public let embedding: Embedding
    /// The recurrent stack (every step's state).
    public let network: RecurrentNetwork
    /// The output layer H → V.
    public let head: Dense

    /// A model of `configuration`, drawing the initial weights from `generator`.
    public init(_ configuration: RecurrentLanguageModelConfiguration, using generator: inout RandomGenerator) {
        let cell = RecurrentCell(name: configuration.cell)
        require(cell != nil, "RecurrentLanguageModel: unknown cell '\(configuration.cell)' (rnn, lstm, lstm-peephole, gru)")
        self.configuration = configuration
        embedding = Embedding(configuration.vocabularySize, configuration.embeddingDimension, using: &generator)
        network = RecurrentNetwork(cell!, inputs: configuration.embeddingDimension, hidden: configuration.hiddenCount,
                                   layers: configuration.layerCount, using: &generator)
        head = Dense(configuration.hiddenCount, configuration.vocabularySize, using: &generator)
        super.init()
    }

    /// The logits of the next symbol after every position: `[batch, steps]` symbol indices → `[batch·steps, V]`.
    public func logits(_ tokens: Tensor) -> Variable {
        require(tokens.shape.count == 2, "RecurrentLanguageModel: tokens of shape \(tokens.shape) are not [batch, steps]")
        let states = network(embedding(Variable(tokens)))
        return head(states.reshaped([-1, configuration.hiddenCount]))
    }

    /// The mean next-symbol cross-entropy of `targets` (`[batch, steps]`, the symbols after `tokens`).
    public func loss(tokens: Tensor, targets: Tensor) -> Variable {
        require(targets.shape == tokens.shape, "RecurrentLanguageModel: targets \(targets.shape) do not match tokens \(tokens.shape)")
        return crossEntropy(logits: logits(tokens), labels: targets.reshaped([-1]))
    }

    /// Feeds one symbol per sequence (`[batch]`) from `states` (one per layer; `nil`: zero states) and
    /// returns the next symbol's logits `[batch, V]` and the new states.
    public func step(_ symbols: [Int], states: [RecurrentState]?) -> (logits: Tensor, states: [RecurrentState]) {
        withoutGradient {
            var x = embedding(Variable(Tensor(shape: [symbols.count], scalars: symbols.map(Float.init)))).value
            var next: [RecurrentState] = []
            for (index, layer) in network.layers.enumerated() {
                let state = layer.step(x, from: states?[index])
                next.append(state)
                x = state.hidden
            }
            return (head(Variable(x)).value, next)
        }
    }

    /// Continues `prompt` with `count` symbols drawn by `sampler`, carrying the recurrent state (the
    /// prompt is read once, one step per symbol; each new symbol costs one step).
    public func generate(prompt: [Int], count: Int, sampler: inout TokenSampler) -> [Int] {
        require(!prompt.isEmpty && count >= 0, "RecurrentLanguageModel.generate: needs a non-empty prompt and count ≥ 0 (got \(count))")
        var states: [RecurrentState]?, logits = Tensor.zeros([1, configuration.vocabularySize])
        func feed(_ symbol: Int) {
            let next = step([symbol], states: states)
            (logits, states) = (next.logits, next.states)
        }
        prompt.forEach(feed)
        var generated: [Int] = []
        for _ in 0..<count {
            let symbol = sampler.sample(logits: logits.scalars)
            generated.append(symbol)
            feed(symbol)
        }
        return generated
    }
}

/// Cells key the command line's model kinds (`--model lstm`); a cell hashes as its name.
extension RecurrentCell: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
