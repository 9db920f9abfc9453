import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The encoder-only (BERT-style) model: masked-LM logits, loss and gradients and the classification
/// logits against the same PyTorch assembly on a fixed masked batch (`Tests/Fixtures/transformer.json`,
/// float64); the 15 % / 80-10-10 corruption's frequencies.
@Suite struct BERTTests {
    @Test func maskedLanguageModelMatchesPyTorch() throws {
        let c = AttentionReferenceTests.fixture["bert"], k = c["configuration"]
        var generator = RandomGenerator(seed: 0)
        let bert = BERT(BERTConfiguration(vocabularySize: k["vocabularySize"].int, contextLength: k["contextLength"].int,
                                          modelDimension: k["modelDimension"].int, headCount: k["headCount"].int,
                                          layerCount: k["layerCount"].int, feedForwardDimension: k["feedForwardDimension"].int,
                                          dropout: 0, classCount: k["classCount"].int),
                        using: &generator)
        try bert.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
        let (tokens, labels, padding) = (c["tokens"].tensor, c["labels"].tensor, c["paddingMask"].tensor)
        expectClose(bert.maskedLanguageModelLogits(tokens, paddingMask: padding).value, c["logits"].tensor,
                    absolute: 1e-5, relative: 1e-5, "masked-LM logits")
        expectClose(bert.classificationLogits(tokens, paddingMask: padding).value, c["classLogits"].tensor,
                    absolute: 1e-5, relative: 1e-5, "classification logits")
        let loss = bert.maskedLanguageModelLoss(tokens, labels: labels, paddingMask: padding)
        expectClose(loss.value.scalars[0], c["loss"].float, absolute: 1e-5, relative: 1e-5)
        bert.zeroGrad()
        loss.backward()
        let grads = c["parameterGrads"]
        let pretrained = bert.pytorchParameters.filter { !$0.name.hasPrefix("pooler") && !$0.name.hasPrefix("classifier") }
        #expect(Set(pretrained.map(\.name)) == Set(grads.keys))
        for parameter in pretrained {
            let grad = parameter.variable.grad ?? Tensor.zeros(parameter.variable.shape)
            expectClose(parameter.transposed ? grad.transposed() : grad, grads[parameter.name].tensor,
                        absolute: 1e-5, relative: 1e-5, "∂/∂\(parameter.name)")
        }
    }

    /// 20 000 maskable positions: 15 % chosen (σ ≈ 0.25 %), of those 80 % [MASK], 10 % random, 10 % kept
    /// (σ ≈ 0.7 %); protected tokens are never chosen; labels hold the original token exactly where chosen.
    @Test func corruptionFollowsBERTProportions() {
        var generator = RandomGenerator(seed: 9)
        let rows = 200, length = 101
        let scalars = (0..<(rows * length)).map { $0 % length == 0 ? Float(1) : Float(3 + Int(generator.next() % 20)) }
        let tokens = Tensor(shape: [rows, length], scalars: scalars)
        let (input, labels) = MaskedTokens.corrupt(tokens, mask: 2, randomTokens: 3..<23, protected: [1], using: &generator)
        var chosen = 0, masked = 0, kept = 0
        for i in 0..<scalars.count {
            if scalars[i] == 1 { #expect(labels.scalars[i] == Float(MaskedTokens.ignored) && input.scalars[i] == 1) }
            guard labels.scalars[i] != Float(MaskedTokens.ignored) else {
                #expect(input.scalars[i] == scalars[i])
                continue
            }
            #expect(labels.scalars[i] == scalars[i])
            chosen += 1
            if input.scalars[i] == 2 { masked += 1 } else if input.scalars[i] == scalars[i] { kept += 1 }
        }
        let maskable = Double(rows * (length - 1))
        #expect(abs(Double(chosen) / maskable - 0.15) < 0.0125)
        #expect(abs(Double(masked) / Double(chosen) - 0.8) < 0.035)
        // "kept" also counts random replacements that drew the original token (1 in 20 of the 10 %).
        #expect(abs(Double(kept) / Double(chosen) - 0.105) < 0.035)
    }
}
