import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct SGDTests {
    @Test func stepMovesAgainstTheGradient() {
        // θ = [1, −2], L = Σθ², ∇L = 2θ = [2, −4]; η = 0.1 → θ − η∇L = [0.8, −1.6] (eq. 6.1 by hand).
        let theta = Variable(Tensor([1, -2]), requiresGradient: true)
        let optimizer = SGD(parameters: [theta], learningRate: 0.1)
        theta.squared().sum().backward()
        optimizer.step()
        optimizer.zeroGrad()
        expectClose(theta.value, Tensor([0.8, -1.6]))
        #expect(theta.grad == nil)
    }
}
