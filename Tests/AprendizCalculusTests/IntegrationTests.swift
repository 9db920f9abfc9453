import AprendizCalculus
import AprendizTestSupport
import Foundation
import Testing

/// Definite integrals (§3.3) against scipy.integrate: trapezoid and simpson on samples (even and odd counts,
/// even and uneven spacing), quad on closures with finite and infinite limits and end-point singularities.
@Suite struct IntegrationTests {
    let fixture = CalculusFixture.shared

    @Test(arguments: ["odd", "even", "unevenEven", "unevenOdd", "two"])
    func sampledRulesMatchSciPy(_ name: String) {
        let s = fixture.samples[name]!
        expectNear(trapezoid(s.y, x: s.x), s.trapezoid, relative: 1e-13, "trapezoid(\(name))")
        expectNear(simpson(s.y, x: s.x), s.simpson, relative: 1e-13, "simpson(\(name))")
        expectNear(trapezoid(s.y, dx: 0.25), s.trapezoidDx, relative: 1e-13, "trapezoid(\(name), dx)")
        expectNear(simpson(s.y, dx: 0.25), s.simpsonDx, relative: 1e-13, "simpson(\(name), dx)")
    }

    @Test func adaptiveQuadratureMatchesQuad() {
        for c in fixture.quad {
            let result = integral(of: NamedFunction.integrands[c.name]!, from: c.from, to: c.to)
            #expect(result.converged, "\(c.name): \(result)")
            expectNear(result.value, c.value, relative: 1e-8, absolute: 1e-10, "∫\(c.name)")
            // The estimate bounds the actual error (SciPy's value is exact to ~1e-14 here).
            #expect(Swift.abs(result.value - c.value) <= Swift.max(result.estimatedError, 1e-14) + 1e-14 * Swift.abs(c.value),
                    "\(c.name): error \(Swift.abs(result.value - c.value)) above the estimate \(result.estimatedError)")
        }
    }

    @Test func reversedAndEmptyIntervals() {
        expectNear(integral(of: sin, from: .pi, to: 0).value, -2, relative: 1e-12, "∫ from π to 0")
        #expect(integral(of: sin, from: 1, to: 1).value == 0)
        let capped = integral(of: { 1 / $0.squareRoot() }, from: 0, to: 1, absoluteTolerance: 1e-14, relativeTolerance: 0, maximumIntervals: 3)
        #expect(!capped.converged)
    }
}
