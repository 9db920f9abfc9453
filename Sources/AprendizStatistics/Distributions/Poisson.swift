import AprendizTensor
import Foundation

/// The Poisson distribution: the number of events in an interval when they occur at rate λ (§5.4).
///
/// ```
/// ln P(X = k) = k ln λ − λ − ln k!     (k ≥ 0)
/// F(k)        = Q(k + 1, λ)            (regularised upper incomplete gamma)
/// E[X] = λ,   Var[X] = λ
/// ```
/// Sampling: inversion of F starting from the mode, O(√λ) steps per draw. SciPy: `scipy.stats.poisson(λ)`.
public struct Poisson: UnivariateDistribution, Hashable {
    /// λ > 0, the expected count.
    public let rate: Double
    private var inversion: ModeInversion   // set last in init: it needs the finished distribution's pmf and cdf

    /// Poisson(λ).
    /// - Precondition: λ positive and finite.
    public init(rate: Double) {
        require(rate > 0 && rate.isFinite, "Poisson: rate must be positive and finite, got \(rate)")
        self.rate = rate
        let mode = Int(rate.rounded(.down))
        inversion = ModeInversion(mode: mode, probability: 0, cumulative: 0)
        inversion = ModeInversion(mode: mode, probability: probability(mode), cumulative: cumulativeProbability(mode))
    }

    /// E[X] = λ.
    public var mean: Double { rate }
    /// Var[X] = λ.
    public var variance: Double { rate }

    /// ln P(X = k) = k ln λ − λ − ln k!; −∞ for k < 0.
    public func logProbability(_ k: Int) -> Double {
        k < 0 ? -.infinity : Double(k) * log(rate) - rate - logGamma(Double(k) + 1)
    }

    /// F(k) = Q(k + 1, λ), the regularised upper incomplete gamma function.
    public func cumulativeProbability(_ k: Int) -> Double { k < 0 ? 0 : regularizedGammaQ(Double(k) + 1, rate) }

    /// A draw by inversion of F, walking out from the mode.
    public func sample(using generator: inout RandomGenerator) -> Int {
        inversion.draw(generator.nextUniformDouble(), down: { k in Double(k) / rate }, up: { k in rate / Double(k + 1) })
    }

    /// The maximum-likelihood Poisson (§5.5): λ̂ = x̄, the mean count. Counts must be non-negative, not all zero.
    public static func fit(_ counts: [Int]) -> Poisson {
        FitCheck.nonEmpty(counts, "Poisson")
        require(counts.allSatisfy { $0 >= 0 }, "Poisson.fit: counts must be non-negative")
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        require(mean > 0, "Poisson.fit: the counts are all zero")
        return Poisson(rate: mean)
    }
}
