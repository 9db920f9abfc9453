import Aprendiz
import AprendizTestSupport
import Testing

/// Each activation's hand-written backward pass against central finite differences, at points away
/// from its kinks (0 for the rectifiers, ±3 for the hard sigmoid, ±1 for the hard tanh).
@Suite struct ActivationGradientTests {
    /// Points in (−6, 6) that avoid every kink by at least 0.05.
    static let points = Tensor([-5.7, -4.2, -3.4, -2.6, -1.7, -1.2, -0.8, -0.45, -0.2, -0.07,
                                0.06, 0.3, 0.55, 0.9, 1.3, 2.2, 2.8, 3.3, 4.6, 5.9])

    @Test(arguments: Activation.allCases.filter { $0 != .heaviside })
    func derivativeMatchesFiniteDifferences(_ activation: Activation) {
        let layer = activation.makeLayer(seed: 3)
        layer.eval()
        expectGradientsMatchFiniteDifferences([Self.points]) { layer($0[0]) }
    }

    @Test func preluAlphaGradientMatchesFiniteDifferences() {
        let x = Tensor(shape: [2, 3, 2], scalars: [-1.5, 2, -0.3, 0.7, -2.2, -0.9, 1.1, -0.4, 0.8, -3, -0.6, 2.5])
        expectGradientsMatchFiniteDifferences([x, Tensor([0.2, -0.4, 1.3])]) { Aprendiz.prelu($0[0], alpha: $0[1]) }
        expectGradientsMatchFiniteDifferences([x, Tensor([0.25])]) { Aprendiz.prelu($0[0], alpha: $0[1]) }
    }

    @Test func learnableSwishBetaGradientMatchesFiniteDifferences() {
        expectGradientsMatchFiniteDifferences([Self.points, Tensor([1.4])]) { swish($0[0], beta: $0[1]) }
    }

    @Test func softmaxGradientsMatchFiniteDifferences() {
        let x = Tensor(shape: [2, 4], scalars: [0.3, -1.2, 2.0, 0.5, -0.7, 0.1, 1.6, -2.4])
        let upstream = Tensor(shape: [2, 4], scalars: [0.5, -1, 0.25, 2, -0.3, 0.8, 1.2, -0.6])
        expectGradientsMatchFiniteDifferences([x], upstream: upstream) { softmax($0[0], axis: 1) }
        expectGradientsMatchFiniteDifferences([x], upstream: upstream) { softmax($0[0], axis: 0) }
        expectGradientsMatchFiniteDifferences([x], upstream: upstream) { logSoftmax($0[0]) }
    }

    /// The backward passes are written with variable operations, so they differentiate again:
    /// σ″ = σ(1 − σ)(1 − 2σ) and tanh″ = −2·tanh·(1 − tanh²) (by hand from eqs. 7.4 and 7.7).
    @Test func secondDerivativesOfSigmoidAndTanh() {
        let x = Variable(Tensor([-2, -0.5, 0, 1.5]), requiresGradient: true)
        for (f, second) in [(sigmoid, { (s: Float) in s * (1 - s) * (1 - 2 * s) }),
                            (tanh, { (t: Float) in -2 * t * (1 - t * t) })] as [((Variable) -> Variable, (Float) -> Float)] {
            let y = f(x)
            let first = Variable.gradients(of: y, withRespectTo: [x], seed: Tensor.ones([4]), createGraph: true)[0]
            let secondDerivative = Variable.gradients(of: first.sum(), withRespectTo: [x])[0]
            expectClose(secondDerivative.value, Tensor(y.value.scalars.map(second)), absolute: 1e-6)
        }
    }

    /// Large inputs produce no NaN or infinity in values or derivatives (stable sigmoid, softmax,
    /// GELU, ELU); the exact numbers at ±100 are in the reference tests.
    @Test(arguments: Activation.allCases)
    func extremeInputsStayFinite(_ activation: Activation) {
        let x = Tensor([-1e30, -1e4, -100, 100, 1e4, 1e30])
        let (value, derivative) = activation.evaluate(x)
        let bounded = activation.family == .sigmoidal
        let valuesOK = value.scalars.allSatisfy { bounded ? $0.isFinite : !$0.isNaN }
        let derivativesOK = derivative.scalars.allSatisfy { !$0.isNaN }
        #expect(valuesOK, "\(activation) value \(value)")
        #expect(derivativesOK, "\(activation) derivative \(derivative)")
    }

    @Test func softmaxOfHugeLogitsIsStable() {
        let y = softmax(Variable(Tensor([[1e30, 0, -1e30], [88, 89, 90]])))
        let finite = y.value.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
        expectClose(y.value.sum(axes: [1]), Tensor([1, 1]))
    }
}
