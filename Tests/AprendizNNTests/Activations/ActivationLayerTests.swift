import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct ActivationLayerTests {
    @Test func preluAlphaIsALearnableParameter() {
        let layer = PReLU(channels: 3)
        #expect(layer.namedParameters().map(\.name) == ["alpha"])
        expectClose(layer.alpha.value, Tensor([0.25, 0.25, 0.25]))
        #expect(PReLU().alpha.shape == [1])
    }

    @Test func swishBetaIsAParameterOnlyWhenLearnable() {
        #expect(Swish(learnable: true).namedParameters().map(\.name) == ["beta"])
        #expect(Swish().namedParameters().isEmpty)
    }

    @Test func everyNameBuildsALayerOfItsFamily() {
        #expect(Activation.allCases.count == 18)
        #expect(Activation.allCases.filter { $0.family == .sigmoidal }.map(\.name)
                == ["sigmoid", "tanh", "softsign", "hard-sigmoid", "hard-tanh", "wilson-cowan", "heaviside"])
        #expect(Activation.allCases.filter { $0.family == .modern }.map(\.name) == ["gelu", "gelu-tanh", "gelu-sigmoid", "swish"])
        for activation in Activation.allCases {
            #expect(activation.makeLayer()(Tensor([0.5, -0.5])).shape == [2])
        }
    }

    /// --alpha overrides α: leaky-relu with α = 0.2 at −2 gives −0.4 with slope 0.2; SELU with α = 1
    /// is λ·ELU₁, so at −1 it is λ(e⁻¹ − 1) = −0.664170 and its derivative λe⁻¹ = 0.386531 (by hand).
    @Test func alphaOverride() {
        let (leaky, leakySlope) = Activation.leakyReLU.evaluate(Tensor([-2]), alpha: 0.2)
        expectClose(leaky, Tensor([-0.4]))
        expectClose(leakySlope, Tensor([0.2]))
        let (selu, seluSlope) = Activation.selu.evaluate(Tensor([-1]), alpha: 1)
        expectClose(selu, Tensor([-0.664170]))
        expectClose(seluSlope, Tensor([0.386531]))
    }

    @Test func softmaxLayerRowsSumToOne() {
        let y = Softmax(axis: 0)(Tensor([[1, 2], [3, 4], [5, 6]])).value
        expectClose(y.sum(axes: [0]), Tensor([1, 1]))
        expectClose(LogSoftmax()(Tensor([[0, 0]])).value, Tensor([[-0.6931472, -0.6931472]]))
    }
}
