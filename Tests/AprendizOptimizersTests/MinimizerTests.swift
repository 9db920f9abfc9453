import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct MinimizerTests {
    @Test func gradientDescentReachesTheBowlMinimum() {
        let result = GradientDescent(learningRate: 0.1, epochs: 500, tolerance: 1e-4)
            .minimize(TestFunction.bowl.callAsFunction, from: TestFunction.bowl.start)
        #expect(result.converged)
        expectClose(result.minimum, Tensor([0, 0]), absolute: 1e-4)
        #expect(result.path.first == TestFunction.bowl.start)
        #expect(result.values.count == result.path.count)
        // f = x² + y², ∇f = 2θ, θ₁ = θ₀ − 0.1·2θ₀ = 0.8θ₀ (eq. 6.1 by hand).
        expectClose(result.path[1], TestFunction.bowl.start * 0.8)
    }

    @Test func nesterovEvaluatesTheGradientAtTheLookAheadPoint() {
        // Algorithm 3 by hand on f = x² + y² from (1, 0), η = 0.1, μ = 0.9:
        // step 1: g = ∇f(1, 0) = (2, 0), m = (2, 0), θ = (0.8, 0);
        // step 2: look-ahead 0.8 − 0.1·0.9·2 = 0.62, g = 1.24, m = 0.9·2 + 1.24 = 3.04, θ = 0.8 − 0.304 = 0.496.
        let result = NesterovMinimizer(learningRate: 0.1, momentum: 0.9, epochs: 2)
            .minimize(TestFunction.bowl.callAsFunction, from: Tensor([1, 0]))
        expectClose(result.path[1], Tensor([0.8, 0]))
        expectClose(result.path[2], Tensor([0.496, 0]))
    }

    @Test func newtonSolvesAQuadraticInOneStep() throws {
        let result = try NewtonMethod().minimize(TestFunction.booth.callAsFunction, from: Tensor([-8, 8]))
        expectClose(result.path[1], Tensor([1, 3]), absolute: 1e-4)
        #expect(result.steps <= 2)   // one Newton step; at most one more that no longer moves
        #expect(result.converged)
    }

    @Test func newtonSolvesRosenbrockInUnderThirtySteps() throws {
        let result = try NewtonMethod(epochs: 30, tolerance: 1e-4)
            .minimize(TestFunction.rosenbrock.callAsFunction, from: Tensor([-1.2, 1]))
        #expect(result.converged)
        #expect(result.steps < 30)
        expectClose(result.minimum, Tensor([1, 1]), absolute: 1e-3)
    }

    @Test func newtonReportsASingularHessian() {
        // f = (x + y)²: H = [[2, 2], [2, 2]] has no inverse.
        #expect(throws: NewtonMethodError.singularHessian(point: [1, 2])) {
            try NewtonMethod().minimize({ v in v.sum().squared() }, from: Tensor([1, 2]))
        }
    }

    @Test func polyakParametersFromTheHessian() {
        // Eigenvalues 1 and 100: β = ((10 − 1)/(10 + 1))² = 81/121, η = 4/(10 + 1)² = 4/121.
        let (eta, beta) = PolyakMomentum.optimalParameters(hessian: Tensor([[1, 0], [0, 100]]))
        expectClose(beta, 81.0 / 121.0)
        expectClose(eta, 4.0 / 121.0)
    }

    @Test func heavyBallWithPolyakBetaBeatsGradientDescentOnAnIllConditionedQuadratic() {
        // f = ½(x² + 100y²), κ = 100, rotated so that both coordinates matter.
        let f = TestFunction.quadratic([[50.5, 49.5], [49.5, 50.5]])
        let hessian = f.hessian(at: Tensor([0, 0]))
        let start = Tensor([1, -0.5])
        // Gradient descent with its best constant step 2/(M + m) = 2/101.
        let descent = GradientDescent(learningRate: 2.0 / 101.0, epochs: 5000, tolerance: 1e-4)
            .minimize(f.callAsFunction, from: start)
        let heavyBall = PolyakMomentum.minimizer(hessian: hessian, epochs: 5000, tolerance: 1e-4)
            .minimize(f.callAsFunction, from: start)
        #expect(descent.converged && heavyBall.converged)
        // Rates (κ − 1)/(κ + 1) = 0.980 vs (√κ − 1)/(√κ + 1) = 0.818: hundreds of steps vs tens.
        #expect(heavyBall.steps * 4 < descent.steps, "heavy ball \(heavyBall.steps) steps, gradient descent \(descent.steps)")
    }

    @Test func adamRunsAsAFunctionMinimizerOnRosenbrock() {
        // The path of Adam on Rosenbrock is one call; f must fall from its start value 24.2.
        let result = RuleMinimizer(rule: AdamRule(), learningRate: 0.02, epochs: 3000)
            .minimize(TestFunction.rosenbrock.callAsFunction, from: Tensor([-1.2, 1]))
        #expect(result.values.last! < 0.01)
        #expect(result.path.count == result.values.count)
    }
}
