import Aprendiz
import AprendizTestSupport
import Testing

/// The character-level recurrent language model (§23.4, `RecurrentLanguageModel`): one training step
/// against PyTorch (`Tests/Fixtures/char_rnn.json`, Tools/fixtures/generate_char_rnn.py: nn.Embedding →
/// nn.LSTM/GRU/RNN → nn.Linear in float64: the loss, every parameter's gradient, then
/// `clip_grad_norm_` and one Adam step and the loss after it), generation that carries the state
/// (the same logits as the whole-sequence run), and seeded, reproducible sampling.
@Suite struct RecurrentLanguageModelTests {
    nonisolated(unsafe) static let cases = try! JSONFixture("char_rnn.json")["cases"].array

    static func model(_ c: JSONFixture) -> RecurrentLanguageModel {
        var generator = RandomGenerator(seed: 1)
        let model = RecurrentLanguageModel(
            RecurrentLanguageModelConfiguration(cell: RecurrentCell(name: c["cell"].string)!, vocabularySize: c["vocabulary"].int,
                                                embeddingDimension: c["embedding"].int, hiddenCount: c["hidden"].int,
                                                layerCount: c["layers"].int), using: &generator)
        let named = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.parameter) })
        #expect(Set(named.keys) == Set(c["parameters"].keys), "parameter names of the \(c["cell"].string) model")
        for key in c["parameters"].keys { named[key]?.value = c["parameters"][key].tensor }
        return model
    }

    @Test(arguments: cases.map { $0["cell"].string })
    func oneTrainingStepMatchesPyTorch(_ cell: String) {
        let c = Self.cases.first { $0["cell"].string == cell }!
        let model = Self.model(c)
        let (tokens, targets) = (c["tokens"].tensor, c["targets"].tensor)
        let loss = model.loss(tokens: tokens, targets: targets)
        expectClose(loss.value.scalars[0], c["loss"].float, absolute: 1e-5, relative: 1e-5, "\(cell) loss")
        loss.backward()
        for (name, parameter) in model.namedParameters() {
            expectClose(parameter.grad ?? Tensor(0), c["gradients"][name].tensor, absolute: 1e-5, relative: 1e-4, "\(cell) ∂L/∂\(name)")
        }
        let norm = clipGradients(model.parameters(), maxNorm: c["clip"].float)
        expectClose(norm, c["gradientNorm"].float, absolute: 1e-5, relative: 1e-5, "\(cell) gradient norm")
        let optimizer = Adam(parameters: model.parameters(), learningRate: c["learningRate"].float)
        optimizer.step()
        let after = withoutGradient { model.loss(tokens: tokens, targets: targets).value.scalars[0] }
        expectClose(after, c["lossAfterStep"].float, absolute: 1e-5, relative: 1e-5, "\(cell) loss after one Adam step")
    }

    /// Stepping a sequence symbol by symbol from the carried state gives the logits of the whole-sequence run.
    @Test(arguments: ["lstm", "gru", "rnn", "lstm-peephole"])
    func steppingMatchesTheSequenceRun(_ cell: String) {
        var generator = RandomGenerator(seed: 7)
        let model = RecurrentLanguageModel(RecurrentLanguageModelConfiguration(cell: RecurrentCell(name: cell)!, vocabularySize: 9,
                                                                               embeddingDimension: 5, hiddenCount: 11, layerCount: 2),
                                           using: &generator)
        for layer in model.network.layers {
            if let peepholes = layer.peepholes { peepholes.value = Tensor.randomUniform([3, 11], in: -0.5...0.5, using: &generator) }
        }
        let symbols = [3, 1, 4, 1, 5, 8, 2, 6, 0, 7]
        let whole = withoutGradient { model.logits(Tensor(shape: [1, symbols.count], scalars: symbols.map(Float.init))).value }
        var states: [RecurrentState]?
        for (t, symbol) in symbols.enumerated() {
            let step = model.step([symbol], states: states)
            states = step.states
            expectClose(step.logits, whole.slice(axis: 0, t..<(t + 1)), absolute: 1e-5, relative: 1e-4, "\(cell) logits at step \(t)")
        }
    }

    /// The same seed draws the same text; another seed draws another one; τ = 0 is the argmax of the stepped logits.
    @Test func generationIsDeterministicForASeed() {
        var generator = RandomGenerator(seed: 3)
        let model = RecurrentLanguageModel(RecurrentLanguageModelConfiguration(cell: .lstm(peepholes: false), vocabularySize: 12,
                                                                               embeddingDimension: 4, hiddenCount: 16, layerCount: 1),
                                           using: &generator)
        func draw(seed: UInt64, temperature: Float = 1) -> [Int] {
            var sampler = TokenSampler(temperature: temperature, seed: seed)
            return model.generate(prompt: [1, 2, 3], count: 60, sampler: &sampler)
        }
        #expect(draw(seed: 5) == draw(seed: 5))
        #expect(draw(seed: 5) != draw(seed: 6))
        let greedy = draw(seed: 0, temperature: 0)
        var states: [RecurrentState]?, logits = Tensor(0)
        func feed(_ symbol: Int) {
            let step = model.step([symbol], states: states)
            (logits, states) = (step.logits, step.states)
        }
        [1, 2, 3].forEach(feed)
        for symbol in greedy {
            #expect(symbol == Int(logits.reshaped([-1]).argmax(axis: 0).scalars[0]))
            feed(symbol)
        }
    }
}
