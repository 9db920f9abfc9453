import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The encoder–decoder (T5-style) model: logits, the teacher-forced loss (padding ignored) and every
/// parameter gradient against the same model assembled from PyTorch's `nn.Transformer`
/// (`Tests/Fixtures/transformer.json`, float64); cached greedy decoding against recomputation.
@Suite struct EncoderDecoderTransformerTests {
    nonisolated(unsafe) static let cases = AttentionReferenceTests.fixture["encoderDecoder"].array

    /// Separate embeddings with an untied head (pre-norm, GELU) and one shared, tied table (post-norm,
    /// ReLU), on a batch with source padding: within 1e-5 relative + 1e-5 absolute.
    @Test(arguments: cases.map { $0["name"].string })
    func forwardAndBackwardMatchPyTorch(_ name: String) throws {
        let c = Self.cases.first { $0["name"].string == name }!, k = c["configuration"]
        var generator = RandomGenerator(seed: 0)
        let model = EncoderDecoderTransformer(
            EncoderDecoderConfiguration(sourceVocabularySize: k["sourceVocabularySize"].int,
                                        targetVocabularySize: k["targetVocabularySize"].int, maxLength: k["maxLength"].int,
                                        modelDimension: k["modelDimension"].int, headCount: k["headCount"].int,
                                        encoderLayerCount: k["encoderLayerCount"].int, decoderLayerCount: k["decoderLayerCount"].int,
                                        feedForwardDimension: k["feedForwardDimension"].int, dropout: 0,
                                        activation: TransformerActivation(rawValue: k["activation"].string)!,
                                        normFirst: k["normFirst"].bool, sharedEmbedding: k["sharedEmbedding"].bool,
                                        tiedHead: k["tiedHead"].bool),
            using: &generator)
        try model.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
        let padding = c["sourcePaddingMask"].tensor
        let logits = model.logits(source: c["source"].tensor, sourcePaddingMask: padding, targetInput: c["targetInput"].tensor)
        expectClose(logits.value, c["logits"].tensor, absolute: 1e-5, relative: 1e-5, "logits of \(name)")
        let loss = model.loss(source: c["source"].tensor, sourcePaddingMask: padding, targetInput: c["targetInput"].tensor,
                              targetOutput: c["targetOutput"].tensor, ignoring: 0)
        expectClose(loss.value.scalars[0], c["loss"].float, absolute: 1e-5, relative: 1e-5)
        loss.backward()
        AttentionReferenceTests.expectParameterGradients(model, c["parameterGrads"], name)
    }

    static func model() -> EncoderDecoderTransformer {
        var generator = RandomGenerator(seed: 2026)
        return EncoderDecoderTransformer(EncoderDecoderConfiguration(sourceVocabularySize: 9, targetVocabularySize: 7, maxLength: 12,
                                                                     modelDimension: 16, headCount: 4, dropout: 0.1),
                                         using: &generator)
    }

    /// Step-by-step decoding with the self-attention caches and the memory's keys and values projected
    /// once gives the logits of one pass over the whole target.
    @Test func cachedStepsMatchOnePass() {
        let model = Self.model()
        model.eval()
        let source = Tensor(shape: [2, 5], scalars: [3, 1, 4, 1, 5, 2, 6, 5, 0, 0])
        let padding = Tensor(shape: [2, 5], scalars: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
        let target: [Float] = [1, 4, 2, 6, 1, 3, 3, 5]
        let memory = withoutGradient { model.encode(source, sourcePaddingMask: padding) }
        let full = withoutGradient {
            model.decode(Tensor(shape: [2, 4], scalars: target), memory: memory, memoryPaddingMask: padding)
        }.value
        let caches = model.decoderLayers.map { _ in KeyValueCache() }, memoryCaches = model.decoderLayers.map { _ in KeyValueCache() }
        let steps = (0..<4).map { t in
            withoutGradient {
                model.decode(Tensor(shape: [2, 1], scalars: [target[t], target[4 + t]]), memory: memory, memoryPaddingMask: padding,
                             offset: t, caches: caches, memoryCaches: memoryCaches)
            }.value
        }
        expectClose(Tensor.concatenate(steps, axis: 1), full, absolute: 1e-4, relative: 1e-4)
        #expect(caches[0].length == 4 && memoryCaches[0].length == 5)
    }

    @Test func cachedGreedyDecodingMatchesRecomputation() {
        let model = Self.model()
        // Larger embeddings so the untrained model's logits are far from ties.
        model.targetEmbedding.weight.value = model.targetEmbedding.weight.value * 5
        let source = Tensor(shape: [3, 4], scalars: [3, 1, 4, 1, 5, 0, 0, 0, 2, 6, 8, 0])
        let padding = Tensor(shape: [3, 4], scalars: [0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1])
        let cached = model.greedyDecode(sources: source, sourcePaddingMask: padding, start: 1, end: 2, maxLength: 10)
        let recomputed = model.greedyDecode(sources: source, sourcePaddingMask: padding, start: 1, end: 2, maxLength: 10,
                                            useCache: false)
        #expect(cached == recomputed)
        #expect(cached.allSatisfy { $0.count <= 10 && !$0.contains(2) && $0.allSatisfy { (0..<7).contains($0) } })
        #expect(model.isTraining, "greedyDecode restores training mode")
    }

    /// Copying 1…3 symbols out of 4 is learnt from scratch in a few hundred AdamW steps: greedy
    /// decoding reproduces every one of the 84 strings exactly (the answer is known).
    @Test func learnsToCopyShortStrings() {
        var generator = RandomGenerator(seed: 5)
        let model = EncoderDecoderTransformer(EncoderDecoderConfiguration(sourceVocabularySize: 7, maxLength: 6, modelDimension: 16,
                                                                          headCount: 2, encoderLayerCount: 1, decoderLayerCount: 1,
                                                                          dropout: 0),
                                              using: &generator)
        // Tokens: 0 pad, 1 BOS, 2 EOS, 3…6 symbols.
        var strings: [[Int]] = []
        for length in 1...3 {
            var string = [Int](repeating: 3, count: length)
            while true {
                strings.append(string)
                guard let i = string.lastIndex(where: { $0 < 6 }) else { break }
                string[i] += 1
                for j in (i + 1)..<length { string[j] = 3 }
            }
        }
        func pad(_ s: [Int], _ n: Int) -> [Float] { (s + [Int](repeating: 0, count: n - s.count)).map(Float.init) }
        let b = strings.count
        let source = Tensor(shape: [b, 3], scalars: strings.flatMap { pad($0, 3) })
        let padding = Tensor(shape: [b, 3], scalars: strings.flatMap { s in (0..<3).map { $0 < s.count ? Float(0) : 1 } })
        let input = Tensor(shape: [b, 4], scalars: strings.flatMap { pad([1] + $0, 4) })
        let output = Tensor(shape: [b, 4], scalars: strings.flatMap { pad($0 + [2], 4) })
        let optimizer = AdamW(parameters: model.parameters(), learningRate: 0.01, rule: AdamWRule())
        for _ in 0..<150 {
            optimizer.zeroGrad()
            model.loss(source: source, sourcePaddingMask: padding, targetInput: input, targetOutput: output, ignoring: 0).backward()
            optimizer.step()
        }
        let decoded = model.greedyDecode(sources: source, sourcePaddingMask: padding, start: 1, end: 2, maxLength: 4)
        #expect(decoded == strings)
    }
}
