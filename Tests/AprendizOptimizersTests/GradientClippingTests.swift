import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct GradientClippingTests {
    /// Reference: torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (Tools/fixtures/generate_layers.py).
    @Test func byNormAndByValueMatchPyTorch() throws {
        let fixture = try JSONFixture("layers.json")["clipping"]
        func parameters() -> [Variable] {
            fixture["grads"].array.map { g in
                let p = Variable(Tensor.zeros(g.tensor.shape), requiresGradient: true)
                p.grad = g.tensor
                return p
            }
        }
        let byNorm = parameters()
        let norm = clipGradients(byNorm, maxNorm: fixture["max_norm"].float)
        expectClose(norm, fixture["total_norm"].float)
        for (p, expected) in zip(byNorm, fixture["norm_clipped"].array) { expectClose(p.grad!, expected.tensor) }
        let byValue = parameters()
        clipGradients(byValue, maxValue: fixture["max_value"].float)
        for (p, expected) in zip(byValue, fixture["value_clipped"].array) { expectClose(p.grad!, expected.tensor) }
    }

    @Test func smallGradientsAreUntouched() {
        let p = Variable(Tensor([0]), requiresGradient: true)
        p.grad = Tensor([0.3])
        expectClose(clipGradients([p], maxNorm: 1), 0.3)
        #expect(p.grad == Tensor([0.3]))
    }
}
