import Aprendiz
import AprendizTestSupport
import Testing

/// `TransformerEncoderLayer` and `TransformerDecoderLayer`, post-norm with ReLU and pre-norm with GELU,
/// against PyTorch's `nn.TransformerEncoderLayer`/`nn.TransformerDecoderLayer` (float64, dropout 0,
/// `Tests/Fixtures/transformer.json`): output, input/memory gradients and every parameter gradient,
/// within 1e-5 relative + 1e-5 absolute (float32 against float64).
@Suite struct TransformerReferenceTests {
    nonisolated(unsafe) static let cases = AttentionReferenceTests.fixture["layers"].array

    @Test(arguments: cases.map { $0["name"].string })
    func layerMatchesPyTorch(_ name: String) throws {
        let c = Self.cases.first { $0["name"].string == name }!
        var generator = RandomGenerator(seed: 1)
        let activation = TransformerActivation(rawValue: c["activation"].string)!
        let input = Variable(c["input"].tensor, requiresGradient: true)
        let output: Variable, layer: any PyTorchParameterLayout
        var memory: Variable?
        if c["kind"].string == "encoder" {
            let encoder = TransformerEncoderLayer(modelDimension: c["modelDimension"].int, headCount: c["headCount"].int,
                                                  feedForwardDimension: c["feedForwardDimension"].int, dropout: 0,
                                                  activation: activation, normFirst: c["normFirst"].bool, using: &generator)
            try encoder.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
            output = encoder(input, mask: nil, keyPaddingMask: c["keyPaddingMask"].tensor)
            layer = encoder
        } else {
            let decoder = TransformerDecoderLayer(modelDimension: c["modelDimension"].int, headCount: c["headCount"].int,
                                                  feedForwardDimension: c["feedForwardDimension"].int, dropout: 0,
                                                  activation: activation, normFirst: c["normFirst"].bool, using: &generator)
            try decoder.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
            memory = Variable(c["memory"].tensor, requiresGradient: true)
            output = decoder(input, memory: memory!, memoryKeyPaddingMask: c["memoryKeyPaddingMask"].tensor, isCausal: true)
            layer = decoder
        }
        expectClose(output.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        output.backward(c["upstream"].tensor)
        expectClose(input.grad!, c["grads"]["input"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂input of \(name)")
        if let memory { expectClose(memory.grad!, c["grads"]["memory"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂memory") }
        AttentionReferenceTests.expectParameterGradients(layer, c["parameterGrads"], name)
    }

    @Test func fixtureCoversBothNormOrdersOfBothLayers() {
        #expect(Set(Self.cases.map { "\($0["kind"].string) \($0["normFirst"].bool)" })
                    == ["encoder false", "encoder true", "decoder false", "decoder true"])
    }
}
