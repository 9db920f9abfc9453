import Aprendiz
import AprendizTestSupport
import Testing

/// Simple RNN, LSTM and GRU networks against `torch.nn.RNN`/`LSTM`/`GRU(batch_first=True)` in float64
/// (`Tests/Fixtures/layers_ch22_24.json`, Tools/fixtures/generate_layers_ch22_24.py): one and two
/// layers, bidirectional, sequence-to-sequence outputs and final states (`h_n`), and padded batches
/// against PyTorch's packed sequences — the output and the gradients of the input and of every weight.
@Suite struct RecurrentReferenceTests {
    nonisolated(unsafe) static let cases = try! JSONFixture("layers_ch22_24.json")["recurrent"].array

    static let cells: [String: RecurrentCell] = ["rnn": .elman, "lstm": .lstm(peepholes: false), "gru": .gru]

    @Test(arguments: cases.map { $0["name"].string })
    func outputAndGradientsMatchPyTorch(_ name: String) {
        let c = Self.cases.first { $0["name"].string == name }!
        let network = RecurrentNetwork(Self.cells[c["cell"].string]!, inputs: c["inputs"].int, hidden: c["hidden"].int,
                                       layers: c["layers"].int, bidirectional: c["bidirectional"].bool,
                                       returnSequences: c["returnSequences"].bool)
        for (layer, weights) in zip(network.layers, c["weights"].array) {
            for (key, variable) in Self.named(layer) { variable.value = weights[key].tensor }
        }
        let x = Variable(c["input"].tensor, requiresGradient: true)
        let lengths = c["lengths"].isNull ? nil : c["lengths"].array.map(\.int)
        let y = network(x, lengths: lengths)
        expectClose(y.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        y.backward(c["upstream"].tensor)
        expectClose(x.grad!, c["inputGrad"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂input of \(name)")
        for (index, (layer, grads)) in zip(network.layers, c["weightGrads"].array).enumerated() {
            for (key, variable) in Self.named(layer) {
                expectClose(variable.grad ?? Tensor(0), grads[key].tensor, absolute: 1e-5, relative: 1e-5,
                            "∂/∂layers.\(index).\(key) of \(name)")
            }
        }
    }

    static func named(_ layer: RecurrentLayer) -> [(String, Variable)] {
        [("inputWeight", layer.inputWeight), ("hiddenWeight", layer.hiddenWeight), ("inputBias", layer.inputBias),
         ("hiddenBias", layer.hiddenBias)]
    }

    @Test func fixtureCoversEveryCellAndShape() {
        #expect(Set(Self.cases.map { $0["cell"].string }) == ["rnn", "lstm", "gru"])
        #expect(Self.cases.contains { $0["bidirectional"].bool && !$0["lengths"].isNull && !$0["returnSequences"].bool })
        #expect(Self.cases.contains { $0["layers"].int == 2 && $0["bidirectional"].bool })
    }
}
