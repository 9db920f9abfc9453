import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Recurrent models save and load with their architecture and weights and give the same outputs.
@Suite struct RecurrentModelFileTests {
    @Test(arguments: ["rnn", "lstm", "lstm-peephole", "gru"])
    func characterModelRoundTrips(_ cellName: String) throws {
        var generator = RandomGenerator(seed: 11)
        let network = RecurrentNetwork(RecurrentCell(name: cellName)!, inputs: 4, hidden: 5, layers: 2, bidirectional: true,
                                       returnSequences: cellName != "gru", truncation: cellName == "rnn" ? 3 : nil,
                                       using: &generator)
        if let peepholes = network.layers[0].peepholes { peepholes.value = Tensor.randomNormal([3, 5], using: &generator) }
        let model = Sequential(Embedding(9, 4, using: &generator), network, Dense(10, 9, using: &generator))
        let x = Tensor([[1, 8, 3, 0], [2, 2, 5, 7]])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url)
        let (loaded, _, _) = try ModelFile.load(from: url)
        #expect(loaded.describedArchitecture == model.describedArchitecture)
        #expect(loaded.namedParameters().map(\.name) == model.namedParameters().map(\.name))
        #expect(loaded(x).value == model(x).value)
    }
}
