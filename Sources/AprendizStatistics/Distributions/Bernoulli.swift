import AprendizTensor
import Foundation

/// The Bernoulli distribution: one trial that succeeds (1) with probability p, fails (0) otherwise (§5.4).
///
/// ```
/// P(X = 1) = p,   P(X = 0) = 1 − p
/// E[X] = p,   Var[X] = p(1 − p)
/// ```
/// SciPy: `scipy.stats.bernoulli(p)`.
public struct Bernoulli: UnivariateDistribution, Hashable {
    /// p ∈ [0, 1], the probability of a 1.
    public let probability: Double

    /// Bernoulli(p).
    /// - Precondition: 0 ≤ p ≤ 1.
    public init(probability: Double) {
        require(probability >= 0 && probability <= 1, "Bernoulli: probability must lie in [0, 1], got \(probability)")
        self.probability = probability
    }

    /// E[X] = p.
    public var mean: Double { probability }
    /// Var[X] = p(1 − p).
    public var variance: Double { probability * (1 - probability) }

    /// ln P(X = k): ln p for k = 1, ln(1 − p) for k = 0, −∞ otherwise.
    public func logProbability(_ k: Int) -> Double {
        switch k {
        case 1: log(probability)
        case 0: log1p(-probability)
        default: -.infinity
        }
    }

    /// F(k) = 0 (k < 0), 1 − p (k = 0), 1 (k ≥ 1).
    public func cumulativeProbability(_ k: Int) -> Double { k < 0 ? 0 : (k == 0 ? 1 - probability : 1) }

    /// A draw: 1 when u < p (u uniform in [0, 1)), else 0.
    public func sample(using generator: inout RandomGenerator) -> Int {
        generator.nextUniformDouble() < probability ? 1 : 0
    }

    /// The maximum-likelihood Bernoulli (§5.5): p̂ = the fraction of ones, (1/n) Σ xᵢ. Outcomes must be 0 or 1.
    public static func fit(_ outcomes: [Int]) -> Bernoulli {
        FitCheck.nonEmpty(outcomes, "Bernoulli")
        require(outcomes.allSatisfy { $0 == 0 || $0 == 1 }, "Bernoulli.fit: outcomes must be 0 or 1")
        return Bernoulli(probability: Double(outcomes.reduce(0, +)) / Double(outcomes.count))
    }
}
