import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct PenaltyTests {
    final class Two: Module {
        let weight = Variable(Tensor([[1, -2], [0.5, 0]]), requiresGradient: true)
        let bias = Variable(Tensor([3, -4]), requiresGradient: true)
    }

    /// Hand-derived: Σ|w| = 3.5, Σw² = 1 + 4 + 0.25 = 5.25; the bias is not penalised by default.
    /// ∂/∂w of 0.1·Σ|w| + 0.01·Σw² = 0.1·sign(w) + 0.02·w.
    @Test func l1AndL2OnWeightsOnly() {
        let module = Two()
        expectClose(Penalty.l1(0.1)(module).value.scalar, 0.35)
        expectClose(Penalty.l2(0.01)(module).value.scalar, 0.0525)
        let elastic = Penalty.elasticNet(l1: 0.1, l2: 0.01)(module)
        expectClose(elastic.value.scalar, 0.4025)
        elastic.backward()
        expectClose(module.weight.grad!, Tensor([[0.12, -0.14], [0.11, 0]]))
        #expect(module.bias.grad == nil)
    }

    @Test func chosenParameters() {
        // Σb² = 9 + 16 = 25.
        expectClose(Penalty.l2(1, appliesTo: { $0 == "bias" })(Two()).value.scalar, 25)
    }
}
