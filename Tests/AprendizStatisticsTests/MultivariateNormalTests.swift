import AprendizStatistics
import AprendizTensor
import AprendizTestSupport
import Testing

/// The multivariate normal against `scipy.stats.multivariate_normal.logpdf` (3-D, 1-D and a nearly
/// singular 2-D covariance), its fit against NumPy's mean and `cov(ddof=0)`, and its sampler against its
/// own parameters.
@Suite struct MultivariateNormalTests {
    let fixture = try! JSONFixture("statistics.json")

    @Test func logProbabilityMatchesSciPy() {
        for c in fixture["multivariateNormal"].array {
            let d = MultivariateNormal(mean: Tensor(c["mean"].floats), covariance: c["covariance"].tensor)
            let points = c["points"].tensor
            let expected = c["logProbability"].floats
            // Float32 Cholesky factor: relative 1e-5 (1e-3 for the condition-2000 covariance).
            let tolerance: Float = d.dimension == 2 ? 1e-3 : 1e-5
            expectClose(d.logProbability(points), Tensor(expected), absolute: tolerance, relative: tolerance)
            let first = (0..<d.dimension).map { Double(points.scalars[$0]) }
            expectClose(Float(d.logProbability(first)), expected[0], absolute: tolerance, relative: tolerance)
            expectClose(d.covariance, c["covariance"].tensor, absolute: 1e-6, relative: 1e-5)
        }
    }

    @Test func fitUsesTheBiasedCovariance() {
        let reference = fixture["multivariateNormalFit"]
        let fitted = MultivariateNormal.fit(reference["samples"].tensor)
        expectClose(Tensor(fitted.mean.map(Float.init)), Tensor(reference["mean"].floats), relative: 1e-5)
        expectClose(fitted.covariance, reference["covariance"].tensor, absolute: 1e-5, relative: 1e-4)
    }

    /// 20 000 draws: the sample mean within 5 standard errors and the sample covariance within 5 % of Σ.
    @Test func samplesHaveTheRightMoments() {
        let sigma = Tensor([[2.0, 0.6], [0.6, 1.0]])
        let d = MultivariateNormal(mean: Tensor([1, -2]), covariance: sigma)
        var generator = RandomGenerator(seed: 7)
        let draws = d.sample(count: 20_000, using: &generator)
        let data = Tensor(shape: [20_000, 2], scalars: draws.flatMap { $0.map(Float.init) })
        let mean = data.mean(axis: 0).scalars
        #expect(Swift.abs(mean[0] - 1) < 5 * (2.0 / 20_000).squareRoot())
        #expect(Swift.abs(mean[1] + 2) < 5 * (1.0 / 20_000).squareRoot())
        expectClose(data.covarianceMatrix(), sigma, absolute: 0.05, relative: 0.05)
    }
}
