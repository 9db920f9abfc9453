import AprendizStatistics
import AprendizTestSupport
import Testing

/// Special functions against `scipy.special` over the grids of `generate_statistics.py`. The bound is
/// relative 1e−9 (1e−8 for the incomplete beta, whose ln B(a, b) cancels at a = 1e4, b = 0.01) — far inside float32 precision (6e−8) — with an absolute floor of 1e−290 for values
/// that SciPy itself rounds to (sub)normal zero.
@Suite struct SpecialFunctionTests {
    let special = StatisticsFixture.shared.special

    @Test func logGammaMatchesSciPy() {
        let grid = special["gammaln"]!
        for (x, y) in zip(grid.x, grid.y) {
            expectNear(logGamma(x), y, relative: 1e-12, absolute: 1e-14, "logGamma(\(x))")
        }
        #expect(logGamma(0) == .infinity)
        #expect(logGamma(-3) == .infinity)
    }

    @Test func digammaAndTrigammaMatchSciPy() {
        for (name, function) in [("digamma", digamma), ("trigamma", trigamma)] as [(String, (Double) -> Double)] {
            let grid = special[name]!
            // Near ψ's root x₀ = 1.4616… the value is ~1e−17: compare absolutely there.
            for (x, y) in zip(grid.x, grid.y) { expectNear(function(x), y, relative: 1e-12, absolute: 1e-15, "\(name)(\(x))") }
        }
        #expect(digamma(0).isNaN && digamma(-2).isNaN && trigamma(-1).isNaN)
    }

    @Test func errorFunctionsMatchSciPy() {
        for (name, function) in [("erf", errorFunction), ("erfc", complementaryErrorFunction),
                                 ("erfinv", inverseErrorFunction), ("erfcinv", inverseComplementaryErrorFunction)] as [(String, (Double) -> Double)] {
            let grid = special[name]!
            for (x, y) in zip(grid.x, grid.y) { expectNear(function(x), y, relative: 1e-13, "\(name)(\(x))") }
        }
    }

    @Test func inverseErrorFunctionEdges() {
        #expect(inverseErrorFunction(1) == .infinity)
        #expect(inverseErrorFunction(-1) == -.infinity)
        #expect(inverseErrorFunction(1.5).isNaN)
        #expect(inverseErrorFunction(0) == 0)
        #expect(inverseComplementaryErrorFunction(0) == .infinity)
        #expect(inverseComplementaryErrorFunction(2) == -.infinity)
    }

    @Test func incompleteGammaMatchesSciPy() {
        for (name, function) in [("gammainc", regularizedGammaP), ("gammaincc", regularizedGammaQ)]
            as [(String, (Double, Double) -> Double)] {
            let grid = special[name]!
            for i in grid.x.indices {
                let a = grid.a![i], x = grid.x[i]
                expectNear(function(a, x), grid.y[i], relative: 1e-9, absolute: 1e-290, "\(name)(\(a), \(x))")
            }
        }
    }

    @Test func incompleteBetaMatchesSciPy() {
        let grid = special["betainc"]!
        for i in grid.x.indices {
            let a = grid.a![i], b = grid.b![i], x = grid.x[i]
            expectNear(regularizedIncompleteBeta(a, b, x), grid.y[i], relative: 1e-8, absolute: 1e-290,
                       "betainc(\(a), \(b), \(x))")
        }
    }
}
