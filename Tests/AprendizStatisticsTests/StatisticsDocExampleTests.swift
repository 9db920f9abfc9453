import AprendizStatistics
import AprendizTensor
import AprendizTestSupport
import Testing

/// Runs the examples of `Docs/Statistics.md` and compares them with the NumPy/SciPy values the page shows
/// (fixture section `docExamples`).
@Suite struct StatisticsDocExampleTests {
    let reference = try! JSONFixture("statistics.json")["docExamples"]

    @Test func descriptiveExamples() {
        let x = Tensor([[1, 2], [3, 5], [4, 9], [8, 4]])
        expectClose(x.median(axis: 0), Tensor(reference["median0"].floats))
        expectClose(x.quantile(0.25, axis: 0), Tensor(reference["quantile25"].floats))
        expectClose(x.quantiles([0.1, 0.5, 0.9]), Tensor(reference["quantilesAll"].floats))
        expectClose(x.percentile(90, axis: 0), Tensor(reference["percentile90"].floats))
        expectClose(x.standardDeviation(axis: 0, correction: 1), Tensor(reference["std1"].floats))
        expectClose(x.variance(axes: [0], correction: 1), Tensor(reference["std1"].floats).squared(), relative: 1e-5)
        expectClose(x.mean(axis: 0), Tensor([4, 5]))
        expectClose(x.covarianceMatrix(), reference["cov"].tensor)
        expectClose(x.correlationMatrix(), reference["corr"].tensor)
    }

    @Test func distributionExamples() {
        expectNear(Normal(mean: 1.5, standardDeviation: 0.2).cumulativeProbability(1.8), Double(reference["normalCdf"].float), relative: 1e-7, "Φ")
        expectNear(Normal().inverseCumulativeProbability(0.975), Double(reference["normalPpf"].float), relative: 1e-7, "Φ⁻¹")
        expectNear(Poisson(rate: 3.2).probability(2), Double(reference["poissonPmf"].float), relative: 1e-7, "Poisson")
        expectNear(Binomial(trials: 10, probability: 0.35).cumulativeProbability(3), Double(reference["binomialCdf"].float),
                   relative: 1e-7, "binomial")
        expectNear(Gamma(shape: 7.5, rate: 0.5).cumulativeProbability(15), Double(reference["gammaCdf"].float), relative: 1e-7, "gamma")
        expectNear(Beta(alpha: 2, beta: 5).mean, Double(reference["betaMean"].float), relative: 1e-7, "beta mean")
        let fitted = Normal.fit([2.1, 1.9, 2.4, 2.0, 1.6])
        let expected = reference["normalFit"].floats
        expectNear(fitted.mean, Double(expected[0]), relative: 1e-7, "μ̂")
        expectNear(fitted.standardDeviation, Double(expected[1]), relative: 1e-7, "σ̂")
    }
}
