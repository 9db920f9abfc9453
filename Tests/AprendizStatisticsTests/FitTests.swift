import AprendizStatistics
import AprendizTestSupport
import Testing

/// Maximum-likelihood fits (§5.5) against `scipy.stats.<dist>.fit` (normal: biased σ̂; exponential with
/// floc=0; uniform) and against NumPy's sample means and class frequencies for the discrete ones.
@Suite struct FitTests {
    let fits = StatisticsFixture.shared.fits

    func samples(_ name: String) -> [Double] { fits[name]!["samples"]!.fixtureDoubles! }
    func counts(_ name: String) -> [Int] { samples(name).map { Int($0) } }
    func value(_ name: String, _ key: String) -> Double { fits[name]![key]!.fixtureDouble! }

    @Test func normalUsesTheBiasedVariance() {
        let fitted = Normal.fit(samples("normal"))
        expectNear(fitted.mean, value("normal", "mean"), relative: 1e-13, "μ̂")
        expectNear(fitted.standardDeviation, value("normal", "standardDeviation"), relative: 1e-12, "σ̂")
    }

    @Test func continuousFits() {
        expectNear(Exponential.fit(samples("exponential")).rate, value("exponential", "rate"), relative: 1e-12, "λ̂")
        let uniform = Uniform.fit(samples("uniform"))
        expectNear(uniform.low, value("uniform", "low"), relative: 1e-12, "â")
        expectNear(uniform.high, value("uniform", "high"), relative: 1e-12, "b̂")
    }

    /// No closed form: Newton on the likelihood equations, against SciPy's own solver.
    @Test func gammaAndBetaFits() {
        let gamma = Gamma.fit(samples("gamma"))
        expectNear(gamma.shape, value("gamma", "shape"), relative: 1e-7, "k̂")
        expectNear(gamma.rate, value("gamma", "rate"), relative: 1e-7, "λ̂")
        let beta = Beta.fit(samples("beta"))
        expectNear(beta.alpha, value("beta", "alpha"), relative: 1e-6, "α̂")
        expectNear(beta.beta, value("beta", "beta"), relative: 1e-6, "β̂")
    }

    @Test func discreteFits() {
        expectNear(Bernoulli.fit(counts("bernoulli")).probability, value("bernoulli", "probability"), relative: 1e-14, "p̂")
        let binomial = Binomial.fit(counts("binomial"), trials: 12)
        expectNear(binomial.probability, value("binomial", "probability"), relative: 1e-14, "binomial p̂")
        #expect(binomial.trials == 12)
        expectNear(Poisson.fit(counts("poisson")).rate, value("poisson", "rate"), relative: 1e-14, "λ̂")
        let categorical = Categorical.fit(counts("categorical"), classCount: 5)
        for (fitted, expected) in zip(categorical.probabilities, fits["categorical"]!["probabilities"]!.fixtureDoubles!) {
            expectNear(fitted, expected, relative: 1e-14, "categorical p̂")
        }
    }

    /// The maximum-likelihood estimate maximises the log-likelihood: nudging μ̂ or σ̂ lowers it.
    @Test func normalFitMaximisesTheLikelihood() {
        let data = samples("normal")
        let fitted = Normal.fit(data)
        func logLikelihood(_ d: Normal) -> Double { data.reduce(0) { $0 + d.logProbability($1) } }
        let best = logLikelihood(fitted)
        for (dm, ds) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
            let nudged = Normal(mean: fitted.mean + dm, standardDeviation: fitted.standardDeviation + ds)
            #expect(logLikelihood(nudged) < best)
        }
    }
}
