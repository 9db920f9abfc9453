import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Jacobian and Hessian (eqs. 6.18–6.19) against matrices derived by hand.
@Suite struct DerivativesTests {
    private func components(_ v: Variable) -> (Variable, Variable) {
        let xy = v.split(sizes: [1, 1])
        return (xy[0], xy[1])
    }

    @Test func jacobianOfAVectorFunction() {
        // F(x, y) = [x²y, 5x + sin y]  ⇒  J = [[2xy, x²], [5, cos y]]; at (2, 0.5): [[2, 4], [5, cos 0.5]].
        let j = jacobian(of: { v in
            let (x, y) = components(v)
            return Variable.concatenate([x.squared() * y, x * 5 + y.sin()])
        }, at: Tensor([2, 0.5]))
        expectClose(j, Tensor([[2, 4], [5, 0.87758256]]))
    }

    @Test func hessianOfRosenbrock() {
        // f = (1 − x)² + 100(y − x²)²:  fxx = 1200x² − 400y + 2, fxy = −400x, fyy = 200.
        // At (−1.2, 1): [[1330, 480], [480, 200]].
        let h = hessian(of: TestFunction.rosenbrock.callAsFunction, at: Tensor([-1.2, 1]))
        expectClose(h, Tensor([[1330, 480], [480, 200]]), relative: 1e-5)
    }

    @Test func hessianOfHimmelblau() {
        // f = (x² + y − 11)² + (x + y² − 7)²:  fxx = 12x² + 4y − 42, fxy = 4x + 4y, fyy = 4x + 12y² − 26.
        // At (1, 2): [[−22, 12], [12, 26]].
        let h = hessian(of: TestFunction.himmelblau.callAsFunction, at: Tensor([1, 2]))
        expectClose(h, Tensor([[-22, 12], [12, 26]]))
    }

    @Test func hessianThroughSinCosExp() {
        // f = sin x · eʸ:  H = [[−sin x eʸ, cos x eʸ], [cos x eʸ, sin x eʸ]]; at (0.7, −0.3).
        let (x, y): (Float, Float) = (0.7, -0.3)
        let h = hessian(of: { v in
            let (x, y) = components(v)
            return (x.sin() * y.exp()).sum()
        }, at: Tensor([x, y]))
        let (s, c, e) = (sin(x), cos(x), exp(y))
        expectClose(h, Tensor([[-s * e, c * e], [c * e, s * e]]))
    }

    @Test func hessianThroughTanh() {
        // f = tanh(xy), t = tanh(xy):  fxx = −2y²t(1 − t²), fxy = (1 − t²)(1 − 2xyt), fyy = −2x²t(1 − t²).
        let (x, y): (Float, Float) = (0.6, 0.9)
        let h = hessian(of: { v in
            let (x, y) = components(v)
            return (x * y).tanh().sum()
        }, at: Tensor([x, y]))
        let t = tanh(x * y), d = 1 - t * t
        expectClose(h, Tensor([[-2 * y * y * t * d, d * (1 - 2 * x * y * t)], [d * (1 - 2 * x * y * t), -2 * x * x * t * d]]))
    }

    @Test func hessianOfALinearFunctionIsZero() {
        let h = hessian(of: { v in (v * 3).sum() }, at: Tensor([1, 2, 3]))
        #expect(h == Tensor.zeros([3, 3]))
    }
}
