import Aprendiz
import AprendizTestSupport
import Testing

/// Scaled dot-product attention, multi-head attention and the positional encodings against
/// `Tests/Fixtures/transformer.json` (Tools/fixtures/generate_transformer.py): PyTorch's
/// `F.scaled_dot_product_attention` and `nn.MultiheadAttention` in float64 (outputs, weights, input and
/// parameter gradients), RoPE and the sinusoidal table against NumPy. Tolerance: 1e-5 relative plus
/// 1e-5 absolute (float32 sums of a few products; the references are float64).
@Suite struct AttentionReferenceTests {
    nonisolated(unsafe) static let fixture = try! JSONFixture("transformer.json")

    @Test(arguments: fixture["sdpa"].array.map { $0["name"].string })
    func scaledDotProductAttentionMatchesPyTorch(_ name: String) {
        let c = Self.fixture["sdpa"].array.first { $0["name"].string == name }!
        let q = Variable(c["query"].tensor, requiresGradient: true)
        let k = Variable(c["key"].tensor, requiresGradient: true)
        let v = Variable(c["value"].tensor, requiresGradient: true)
        var mask: Tensor?
        if c.has("allowedMask") { mask = AttentionMask.fromAllowed(c["allowedMask"].tensor) }
        if c.has("additiveMask") { mask = c["additiveMask"].tensor }
        let (y, weights) = scaledDotProductAttention(query: q, key: k, value: v, mask: mask, isCausal: c["isCausal"].bool)
        expectClose(y.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        expectClose(weights.value.sum(axes: [-1]), Tensor.ones(Array(weights.shape.dropLast())), absolute: 1e-6, relative: 0)
        y.backward(c["upstream"].tensor)
        for (key, variable) in [("query", q), ("key", k), ("value", v)] {
            expectClose(variable.grad!, c["grads"][key].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂\(key) of \(name)")
        }
    }

    @Test(arguments: fixture["multiheadAttention"].array.map { $0["name"].string })
    func multiHeadAttentionMatchesPyTorch(_ name: String) throws {
        let c = Self.fixture["multiheadAttention"].array.first { $0["name"].string == name }!
        let attention = MultiHeadAttention(embeddingDimension: c["embeddingDimension"].int, headCount: c["headCount"].int)
        try attention.loadPyTorchParameters(Self.stateDict(c["parameters"]))
        let query = Variable(c["query"].tensor, requiresGradient: true)
        let result: (output: Variable, weights: Variable)
        var memory: Variable?
        if c.has("memory") {
            memory = Variable(c["memory"].tensor, requiresGradient: true)
            result = attention(query: query, key: memory!, value: memory!, keyPaddingMask: c["keyPaddingMask"].tensor)
        } else {
            result = attention(query: query, key: query, value: query, mask: AttentionMask.fromBlocked(c["blockedMask"].tensor))
        }
        expectClose(result.output.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        expectClose(result.weights.value, c["weights"].tensor, absolute: 1e-6, relative: 1e-5, "weights of \(name)")
        result.output.backward(c["upstream"].tensor)
        expectClose(query.grad!, c["grads"]["query"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂query of \(name)")
        if let memory { expectClose(memory.grad!, c["grads"]["memory"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂memory") }
        Self.expectParameterGradients(attention, c["parameterGrads"], name)
    }

    @Test func attentionGradientMatchesFiniteDifferences() {
        var generator = RandomGenerator(seed: 25)
        let q = Tensor.randomUniform([2, 3, 4], in: -1...1, using: &generator)
        let k = Tensor.randomUniform([2, 5, 4], in: -1...1, using: &generator)
        let v = Tensor.randomUniform([2, 5, 3], in: -1...1, using: &generator)
        let mask = AttentionMask.keyPadding(Tensor([[0, 0, 0, 0, 1], [0, 0, 0, 0, 0]])).reshaped([2, 1, 5])
        let upstream = Tensor.randomUniform([2, 3, 3], in: -1...1, using: &generator)
        expectGradientsMatchFiniteDifferences([q, k, v], upstream: upstream, step: 1e-3) { x in
            scaledDotProductAttention(query: x[0], key: x[1], value: x[2], mask: mask, isCausal: true).output
        }
    }

    /// Scores of ±1e4 would overflow a softmax that did not subtract the row maximum.
    @Test func extremeScoresStayFinite() {
        let q = Variable(Tensor([[[100, 0], [-100, 0]]])), k = Variable(Tensor([[[100, 0], [-100, 0]]]))
        let v = Variable(Tensor([[[1, 0], [0, 1]]]))
        let (y, weights) = scaledDotProductAttention(query: q, key: k, value: v)
        let finite = weights.value.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
        expectClose(y.value, Tensor([[[1, 0], [0, 1]]]), absolute: 1e-6, relative: 0)
    }

    @Test func causalMaskBlocksLaterKeysAlignedBottomRight() {
        let mask = AttentionMask.causal(queries: 2, keys: 4)
        #expect(mask.scalars == [0, 0, 0, -.infinity, 0, 0, 0, 0])
    }

    @Test(arguments: [0, 1])
    func rotaryEmbeddingMatchesNumPy(_ index: Int) {
        let c = Self.fixture["rope"].array[index]
        let rope = RotaryPositionalEmbedding(dimension: 8)
        let y = rope(Variable(c["input"].tensor), offset: c["offset"].int)
        expectClose(y.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "RoPE at offset \(c["offset"].int)")
    }

    /// RoPE's defining property: the rotated q·k depends only on the distance between positions.
    @Test func rotaryScoresDependOnlyOnRelativePosition() {
        var generator = RandomGenerator(seed: 5)
        let q = Tensor.randomNormal([1, 4], using: &generator), k = Tensor.randomNormal([1, 4], using: &generator)
        let rope = RotaryPositionalEmbedding(dimension: 4)
        func score(_ m: Int, _ n: Int) -> Float {
            (rope(Variable(q), offset: m).value * rope(Variable(k), offset: n).value).sum().scalars[0]
        }
        expectClose(score(3, 1), score(10, 8), absolute: 1e-4, relative: 1e-4)
    }

    @Test func sinusoidalTableMatchesNumPy() {
        let c = Self.fixture["sinusoidal"]
        let encoding = SinusoidalPositionalEncoding(dimension: c["dimension"].int, maxLength: c["length"].int)
        expectClose(encoding.table, c["table"].tensor, absolute: 1e-6, relative: 1e-5)
        let zeros = Variable(Tensor.zeros([1, 3, c["dimension"].int]))
        expectClose(encoding(zeros, offset: 4).value.reshaped([3, c["dimension"].int]),
                    c["table"].tensor.slice(axis: 0, 4..<7), absolute: 1e-6, relative: 1e-5)
    }

    @Test func missingPyTorchTensorIsNamed() {
        let attention = MultiHeadAttention(embeddingDimension: 4, headCount: 2)
        #expect(throws: PyTorchImportError.missing(name: "in_proj_weight")) { try attention.loadPyTorchParameters([:]) }
    }

    static func stateDict(_ parameters: JSONFixture) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameters.keys.map { ($0, parameters[$0].tensor) })
    }

    static func expectParameterGradients(_ module: any PyTorchParameterLayout, _ grads: JSONFixture, _ name: String,
                                         sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(module.pytorchParameters.map(\.name)) == Set(grads.keys), sourceLocation: sourceLocation)
        for parameter in module.pytorchParameters where grads.has(parameter.name) {
            let grad = parameter.variable.grad ?? Tensor.zeros(parameter.variable.shape)
            expectClose(parameter.transposed ? grad.transposed() : grad, grads[parameter.name].tensor,
                        absolute: 1e-5, relative: 1e-5, "∂/∂\(parameter.name) of \(name)", sourceLocation: sourceLocation)
        }
    }
}
