import AprendizCalculus
import AprendizTestSupport
import Foundation
import Testing

/// Runs the examples of `Docs/Calculus.md`: derivatives against values derived by hand, sampled integrals
/// against scipy.integrate (fixture section `docExamples`).
@Suite struct CalculusDocExampleTests {
    let reference = CalculusFixture.shared.docExamples

    /// d/dx (x³ − 2x) = 3x² − 2 = 1 at 1; (sin)″ = −sin; ∇(x² + 3xy + 2y²) = (2x + 3y, 3x + 4y) = (−4, −5)
    /// at (1, −2); its Hessian is [[2, 3], [3, 4]] everywhere.
    @Test func derivativeExamples() {
        expectNear(numericDerivative(of: { $0 * $0 * $0 - 2 * $0 }, at: 1), 1, relative: 1e-10, "f′(1)")
        expectNear(numericSecondDerivative(of: sin, at: 0.5), -sin(0.5), relative: 1e-7, "sin″(0.5)")
        expectNear(numericDerivative(of: sin, at: 1000, step: 1e-3), cos(1000), relative: 1e-9, "sin′(1000)")
        let f: ([Double]) -> Double = { v in v[0] * v[0] + 3 * v[0] * v[1] + 2 * v[1] * v[1] }
        let gradient = numericGradient(of: f, at: [1, -2])
        expectNear(gradient[0], -4, relative: 1e-10, "∂f/∂x")
        expectNear(gradient[1], -5, relative: 1e-10, "∂f/∂y")
        let hessian = numericHessian(of: f, at: [1, -2])
        for (actual, expected) in zip(Array(hessian.joined()), [2.0, 3, 3, 4]) { expectNear(actual, expected, relative: 1e-6, "H") }
    }

    @Test func integralExamples() {
        let xs = (0...8).map { Double($0) * .pi / 8 }
        expectNear(trapezoid(xs.map(sin), x: xs), reference["trapezoidSin"]!, relative: 1e-13, "trapezoid")
        expectNear(simpson(xs.map(sin), x: xs), reference["simpsonSin"]!, relative: 1e-13, "simpson")
        expectNear(trapezoid([1, 2, 4], dx: 0.5), reference["trapezoidDx"]!, relative: 1e-15, "trapezoid dx")
        let gaussian = integral(of: { exp(-$0 * $0) }, from: -.infinity, to: .infinity)
        expectNear(gaussian.value, Double.pi.squareRoot(), relative: 1e-12, "√π")
        #expect(gaussian.converged && Swift.abs(gaussian.value - Double.pi.squareRoot()) <= gaussian.estimatedError)
    }
}
