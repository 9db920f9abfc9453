import AprendizCalculus
import AprendizTestSupport
import Foundation
import Testing

/// Numeric derivatives of plain closures (§3.2, §3.4) against PyTorch autograd in float64.
@Suite struct NumericDerivativeTests {
    let fixture = CalculusFixture.shared

    @Test func firstAndSecondDerivativesMatchAutograd() {
        for c in fixture.derivatives {
            let f = NamedFunction.scalar[c.name]!
            // The default step assumes f varies on the scale max(|x|, 1); sin varies on the scale 1 at every
            // x, so at x = 1000 it needs explicit steps (the default 0.74 would be off by 5e-3).
            let outOfScale = c.name == "sin" && Swift.abs(c.x) > 10
            let first = numericDerivative(of: f, at: c.x, step: outOfScale ? 1e-3 : nil)
            let second = numericSecondDerivative(of: f, at: c.x, step: outOfScale ? 1e-2 : nil)
            // Truncation leaves ~1e-9 (first) and ~1e-6 (second) relative; rounding adds ε|f|/h, ε|f|/h².
            let size = Swift.abs(f(c.x))
            expectNear(first, c.derivative, relative: 1e-8, absolute: 1e-10 + 1e-12 * size, "\(c.name)′(\(c.x))")
            expectNear(second, c.second, relative: 1e-6, absolute: 1e-6 + 1e-10 * size, "\(c.name)″(\(c.x))")
        }
    }

    @Test func gradientAndHessianMatchAutograd() {
        for c in fixture.multivariate {
            let f = NamedFunction.multivariate[c.name]!
            for (actual, expected) in zip(numericGradient(of: f, at: c.point), c.gradient) {
                expectNear(actual, expected, relative: 1e-9, absolute: 1e-9, "∇\(c.name)(\(c.point))")
            }
            let hessian = numericHessian(of: f, at: c.point)
            for i in 0..<2 {
                for j in 0..<2 {
                    expectNear(hessian[i][j], c.hessian.data[i * 2 + j], relative: 1e-6, absolute: 1e-5, "H\(c.name)[\(i)][\(j)]")
                }
                #expect(hessian[i][1 - i] == hessian[1 - i][i])
            }
        }
    }

    @Test func jacobianMatchesAutograd() {
        let reference = fixture.polarJacobian
        let jacobian = numericJacobian(of: { v in [v[0] * cos(v[1]), v[0] * sin(v[1]), v[0] * v[0]] }, at: reference.point)
        #expect(jacobian.count == 3 && jacobian[0].count == 2)
        for i in 0..<3 {
            for j in 0..<2 {
                expectNear(jacobian[i][j], reference.jacobian.data[i * 2 + j], relative: 1e-10, absolute: 1e-10, "J[\(i)][\(j)]")
            }
        }
    }

    /// The step scales with |x|: at x = 1e8 a fixed step of 1e-3 would lose every digit to rounding.
    @Test func stepFollowsTheArgumentScale() {
        expectNear(numericDerivative(of: { $0 * $0 }, at: 1e8), 2e8, relative: 1e-9, "d(x²)/dx at 1e8")
        expectNear(numericDerivative(of: sin, at: 0.3, step: 1e-2), cos(0.3), relative: 1e-8, "explicit step")
    }
}
