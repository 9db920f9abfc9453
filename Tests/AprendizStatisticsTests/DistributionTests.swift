import AprendizStatistics
import AprendizTensor
import AprendizTestSupport
import Foundation
import Testing

/// Distributions against `scipy.stats` (log-density/mass, cumulative probability, mean, variance) and their
/// samplers against their own, SciPy-checked, cumulative probability (a Kolmogorov–Smirnov bound).
@Suite struct DistributionTests {
    typealias Case = StatisticsFixture.DistributionCase

    /// The distribution a fixture case names.
    static func distribution(_ c: Case) -> any UnivariateDistribution {
        let p = c.params
        switch c.name {
        case "normal": return Normal(mean: p["mean"]!, standardDeviation: p["standardDeviation"]!)
        case "uniform": return Uniform(low: p["low"]!, high: p["high"]!)
        case "exponential": return Exponential(rate: p["rate"]!)
        case "gamma": return Gamma(shape: p["shape"]!, rate: p["rate"]!)
        case "beta": return Beta(alpha: p["alpha"]!, beta: p["beta"]!)
        case "bernoulli": return Bernoulli(probability: p["probability"]!)
        case "binomial": return Binomial(trials: Int(p["trials"]!), probability: p["probability"]!)
        case "poisson": return Poisson(rate: p["rate"]!)
        default: fatalError("unknown distribution \(c.name) in statistics.json")
        }
    }

    @Test(arguments: StatisticsFixture.shared.distributions.indices)
    func matchesSciPy(_ index: Int) {
        let c = StatisticsFixture.shared.distributions[index]
        check(Self.distribution(c), c)
    }

    private func check<D: UnivariateDistribution>(_ d: D, _ c: Case) {
        let label = "\(c.name) \(c.params)"
        for (i, x) in c.x.enumerated() {
            let (logP, cdf) = evaluate(d, x)
            if let expected = c.logProbability[i] {
                expectNear(logP, expected, relative: 1e-10, absolute: 1e-12, "\(label) logProbability(\(x))")
            } else {
                #expect(logP == -.infinity, "\(label) logProbability(\(x)) should be −∞, got \(logP)")
            }
            expectNear(cdf, c.cumulative[i], relative: 1e-9, absolute: 1e-300, "\(label) cumulativeProbability(\(x))")
        }
        expectNear(d.mean, c.mean, relative: 1e-12, "\(label) mean")
        expectNear(d.variance, c.variance, relative: 1e-12, "\(label) variance")
    }

    private func evaluate<D: UnivariateDistribution>(_ d: D, _ x: Double) -> (Double, Double) {
        switch d {
        case let d as any ContinuousCase: return d.evaluate(x)
        case let d as any DiscreteCase: return d.evaluate(Int(x))
        default: fatalError("\(D.self) has neither Double nor Int values")
        }
    }

    @Test func categoricalMatchesNumPy() {
        let reference = StatisticsFixture.shared.categorical
        let d = Categorical(probabilities: [1, 2, 3, 4])   // normalised to 0.1 … 0.4
        for k in 0..<4 { expectNear(d.probability(k), reference.probabilities[k], relative: 1e-15, "P(\(k))") }
        expectNear(d.cumulativeProbability(2), 0.6, relative: 1e-15, "F(2)")
        #expect(d.logProbability(4) == -.infinity)
        expectNear(d.mean, reference.mean, relative: 1e-14, "mean")
        expectNear(d.variance, reference.variance, relative: 1e-14, "variance")
    }

    /// 20 000 draws per distribution: the empirical CDF stays within the Kolmogorov–Smirnov 1 % critical
    /// distance 1.63/√n of the distribution's CDF (a conservative bound for discrete ones), and the sample
    /// mean within 5 standard errors of SciPy's mean.
    @Test(arguments: StatisticsFixture.shared.distributions.indices)
    func samplesFollowTheDistribution(_ index: Int) {
        let c = StatisticsFixture.shared.distributions[index]
        var generator = RandomGenerator(seed: 1234 + UInt64(index))
        let d = Self.distribution(c)
        let draws: [Double], cdf: (Double) -> Double, continuous: Bool
        switch d {
        case let d as any ContinuousCase: (draws, cdf) = d.drawsAndCDF(20_000, &generator); continuous = true
        case let d as any DiscreteCase: (draws, cdf) = d.drawsAndCDF(20_000, &generator); continuous = false
        default: fatalError("\(c.name) has neither Double nor Int values")
        }
        let n = Double(draws.count)
        let mean = draws.reduce(0, +) / n
        #expect(Swift.abs(mean - c.mean) <= 5 * (c.variance / n).squareRoot(), "\(c.name) \(c.params): sample mean \(mean) vs \(c.mean)")
        let sorted = draws.sorted()
        var distance = 0.0, i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count, sorted[j] == sorted[i] { j += 1 }
            let f = cdf(sorted[i])
            // D = sup |Fₙ − F|: after the jump at each value, and (continuous only) just before it.
            distance = Swift.max(distance, Swift.abs(Double(j) / n - f), continuous ? Swift.abs(Double(i) / n - f) : 0)
            i = j
        }
        #expect(distance < 1.63 / n.squareRoot(), "\(c.name) \(c.params): KS distance \(distance)")
    }

    @Test func categoricalSamplesMatchFrequencies() {
        var generator = RandomGenerator(seed: 99)
        let d = Categorical(probabilities: [0.1, 0.2, 0.3, 0.4])
        let draws = d.sample(count: 40_000, using: &generator)
        for k in 0..<4 {
            let frequency = Double(draws.filter { $0 == k }.count) / 40_000
            let p = d.probabilities[k]
            #expect(Swift.abs(frequency - p) < 5 * (p * (1 - p) / 40_000).squareRoot(), "class \(k): \(frequency) vs \(p)")
        }
    }

    @Test func normalQuantileInvertsTheCDF() {
        let d = Normal(mean: 1.5, standardDeviation: 0.2)
        for q in [1e-12, 0.001, 0.2, 0.5, 0.8, 0.999] {
            expectNear(d.cumulativeProbability(d.inverseCumulativeProbability(q)), q, relative: 1e-10, "F(F⁻¹(\(q)))")
        }
        // scipy.stats.norm.ppf(0.975) = 1.959963984540054
        expectNear(Normal().inverseCumulativeProbability(0.975), 1.959963984540054, relative: 1e-13, "z₀.₉₇₅")
    }

    @Test func tensorLogProbabilityIsElementwise() {
        let d = Normal(mean: 0, standardDeviation: 2)
        let x = Tensor([[-1, 0], [2, 3]])
        let result = d.logProbability(x)
        #expect(result.shape == [2, 2])
        for (value, element) in zip(result.scalars, x.scalars) {
            #expect(Swift.abs(Double(value) - d.logProbability(Double(element))) < 1e-6)
        }
    }
}

/// Test-only views that evaluate a distribution at a Double position whatever its `Value` is.
protocol ContinuousCase { func evaluate(_ x: Double) -> (Double, Double); func drawsAndCDF(_ n: Int, _ g: inout RandomGenerator) -> ([Double], (Double) -> Double) }
protocol DiscreteCase { func evaluate(_ k: Int) -> (Double, Double); func drawsAndCDF(_ n: Int, _ g: inout RandomGenerator) -> ([Double], (Double) -> Double) }

extension UnivariateDistribution where Value == Double {
    func evaluate(_ x: Double) -> (Double, Double) { (logProbability(x), cumulativeProbability(x)) }
    func drawsAndCDF(_ n: Int, _ g: inout RandomGenerator) -> ([Double], (Double) -> Double) {
        (sample(count: n, using: &g), { self.cumulativeProbability($0) })
    }
}

extension UnivariateDistribution where Value == Int {
    func evaluate(_ k: Int) -> (Double, Double) { (logProbability(k), cumulativeProbability(k)) }
    func drawsAndCDF(_ n: Int, _ g: inout RandomGenerator) -> ([Double], (Double) -> Double) {
        (sample(count: n, using: &g).map(Double.init), { self.cumulativeProbability(Int($0)) })
    }
}

extension Normal: ContinuousCase {}
extension Uniform: ContinuousCase {}
extension Exponential: ContinuousCase {}
extension Gamma: ContinuousCase {}
extension Beta: ContinuousCase {}
extension Bernoulli: DiscreteCase {}
extension Binomial: DiscreteCase {}
extension Poisson: DiscreteCase {}
