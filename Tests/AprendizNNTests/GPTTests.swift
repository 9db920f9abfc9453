import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The GPT-style model's key/value cache and the token sampler: generation with the cache gives the
/// same tokens as recomputing every position (greedy and seeded sampling, within and past the
/// context), and the sampler's truncated distributions match ones derived by hand.
@Suite struct GPTTests {
    static func model(context: Int = 12, tied: Bool = true) -> GPT {
        var generator = RandomGenerator(seed: 2025)
        let configuration = GPTConfiguration(vocabularySize: 11, contextLength: context, modelDimension: 16, headCount: 4,
                                             layerCount: 2, dropout: 0.1, tiedHead: tied)
        let gpt = GPT(configuration, using: &generator)
        // Larger embeddings than GPT-2's 0.02 so the untrained model's logits are far from ties.
        gpt.tokenEmbedding.weight.value = gpt.tokenEmbedding.weight.value * 50
        return gpt
    }

    @Test(arguments: [(TokenSampler.greedy, true), (TokenSampler(temperature: 0.9, topK: 6, topP: 0.95, seed: 7), false)])
    func cachedGenerationMatchesRecomputation(_ sampler: TokenSampler, _ tied: Bool) {
        let gpt = Self.model(tied: tied)
        var withCache = sampler, withoutCache = sampler
        // 3 + 15 tokens > context 12: both paths also slide the window.
        let cached = gpt.generate(prompt: [1, 4, 2], count: 15, sampler: &withCache, useCache: true)
        let recomputed = gpt.generate(prompt: [1, 4, 2], count: 15, sampler: &withoutCache, useCache: false)
        #expect(cached == recomputed)
        let inVocabulary = cached.allSatisfy { (0..<11).contains($0) }
        #expect(cached.count == 15 && inVocabulary)
        #expect(gpt.isTraining, "generate restores training mode")
    }

    @Test func cachedLogitsMatchFullForward() {
        let gpt = Self.model()
        gpt.eval()
        let tokens: [Float] = [3, 1, 4, 1, 5, 9, 2]
        let full = withoutGradient { gpt.logits(Tensor(shape: [1, 7], scalars: tokens)) }.value
        let caches = gpt.blocks.map { _ in KeyValueCache() }
        var steps: [Tensor] = [withoutGradient { gpt.logits(Tensor(shape: [1, 4], scalars: Array(tokens[0..<4])), caches: caches) }.value]
        for t in 4..<7 {
            steps.append(withoutGradient { gpt.logits(Tensor(shape: [1, 1], scalars: [tokens[t]]), offset: t, caches: caches) }.value)
        }
        expectClose(Tensor.concatenate(steps, axis: 1), full, absolute: 1e-4, relative: 1e-4)
        #expect(caches[0].length == 7)
    }

    /// Logits, loss and every parameter gradient against the same model built from PyTorch modules
    /// (`Tests/Fixtures/transformer.json`, float64), within 1e-5 relative + 1e-5 absolute.
    @Test func forwardAndBackwardMatchPyTorch() throws {
        let c = AttentionReferenceTests.fixture["gpt"], k = c["configuration"]
        var generator = RandomGenerator(seed: 0)
        let gpt = GPT(GPTConfiguration(vocabularySize: k["vocabularySize"].int, contextLength: k["contextLength"].int,
                                       modelDimension: k["modelDimension"].int, headCount: k["headCount"].int,
                                       layerCount: k["layerCount"].int, feedForwardDimension: k["feedForwardDimension"].int,
                                       dropout: 0), using: &generator)
        try gpt.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
        expectClose(gpt.logits(c["tokens"].tensor).value, c["logits"].tensor, absolute: 1e-5, relative: 1e-5, "logits")
        let loss = gpt.loss(tokens: c["tokens"].tensor, targets: c["targets"].tensor)
        expectClose(loss.value.scalars[0], c["loss"].float, absolute: 1e-5, relative: 1e-5)
        loss.backward()
        AttentionReferenceTests.expectParameterGradients(gpt, c["parameterGrads"], "GPT")
    }

    /// The loss of an untrained model is near log V (uniform predictions), and a few AdamW steps on one
    /// batch reduce it.
    @Test func lossStartsNearLogVocabularyAndDecreases() {
        var generator = RandomGenerator(seed: 3)
        let gpt = GPT(GPTConfiguration(vocabularySize: 9, contextLength: 8, modelDimension: 16, headCount: 2, layerCount: 1,
                                       dropout: 0), using: &generator)
        let tokens = Tensor(shape: [2, 8], scalars: (0..<16).map { Float($0 % 9) })
        let targets = Tensor(shape: [2, 8], scalars: (1..<17).map { Float($0 % 9) })
        let first = gpt.loss(tokens: tokens, targets: targets).value.scalars[0]
        expectClose(first, Float(Foundation.log(9.0)), absolute: 0.1, relative: 0)
        let optimizer = AdamW(parameters: gpt.parameters(), learningRate: 0.01, rule: AdamWRule())
        var last = first
        for _ in 0..<20 {
            gpt.zeroGrad()
            let loss = gpt.loss(tokens: tokens, targets: targets)
            loss.backward()
            optimizer.step()
            last = loss.value.scalars[0]
        }
        #expect(last < first * 0.5)
    }

    /// logits [2, 1, 0, −1]: softmax ∝ [e², e, 1, e⁻¹] (by hand).
    @Test func samplerTruncatesLikeTheDefinitions() {
        let logits: [Float] = [2, 1, 0, -1]
        let e = [exp(2.0), exp(1.0), 1, exp(-1.0)], total = e.reduce(0, +)
        let full = TokenSampler().distribution(logits: logits)
        for i in 0..<4 { expectNear(full[i], e[i] / total, relative: 1e-12, "softmax[\(i)]") }
        let topTwo = TokenSampler(topK: 2).distribution(logits: logits)
        expectNear(topTwo[0], e[0] / (e[0] + e[1]), relative: 1e-12, "top-2 p(0)")
        #expect(topTwo[2] == 0 && topTwo[3] == 0)
        // p(0) = 0.644, p(0) + p(1) = 0.881 ≥ 0.8: the nucleus is {0, 1}.
        let nucleus = TokenSampler(topP: 0.8).distribution(logits: logits)
        #expect(nucleus[0] > 0 && nucleus[1] > 0 && nucleus[2] == 0 && nucleus[3] == 0)
        let cold = TokenSampler(temperature: 0.5).distribution(logits: logits)
        expectNear(cold[1] / cold[0], exp(-2.0), relative: 1e-12, "p(1)/p(0) at τ = 1/2")
        #expect(TokenSampler.greedy.distribution(logits: logits) == [1, 0, 0, 0])
    }

    @Test func samplerFrequenciesFollowTheDistribution() {
        var sampler = TokenSampler(temperature: 1, seed: 11)
        let logits: [Float] = [0, Float(Foundation.log(3.0))]   // p = [1/4, 3/4]
        let draws = 4000
        var ones = 0
        for _ in 0..<draws where sampler.sample(logits: logits) == 1 { ones += 1 }
        // Binomial(4000, 0.75): standard deviation 27; 5σ.
        #expect(abs(ones - 3000) < 137)
    }
}
