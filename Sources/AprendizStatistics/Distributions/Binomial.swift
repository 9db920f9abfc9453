import AprendizTensor
import Foundation

/// The binomial distribution: the number of successes in n independent Bernoulli(p) trials (§5.4).
///
/// ```
/// ln P(X = k) = ln n! − ln k! − ln (n − k)! + k ln p + (n − k) ln(1 − p)     (0 ≤ k ≤ n)
/// F(k)        = I_{1−p}(n − k, k + 1)                                       (regularised incomplete beta)
/// E[X] = np,   Var[X] = np(1 − p)
/// ```
/// Sampling: inversion of F starting from the mode, O(√(np(1 − p))) steps per draw. SciPy: `scipy.stats.binom(n, p)`.
public struct Binomial: UnivariateDistribution, Hashable {
    /// n ≥ 0, the number of trials.
    public let trials: Int
    /// p ∈ [0, 1], the success probability of each trial.
    public let probability: Double
    private var inversion: ModeInversion   // set last in init: it needs the finished distribution's pmf and cdf

    /// Binomial(n, p).
    /// - Precondition: n ≥ 0, 0 ≤ p ≤ 1.
    public init(trials: Int, probability: Double) {
        require(trials >= 0, "Binomial: trials must be non-negative, got \(trials)")
        require(probability >= 0 && probability <= 1, "Binomial: probability must lie in [0, 1], got \(probability)")
        self.trials = trials
        self.probability = probability
        let mode = Swift.min(Int((Double(trials + 1) * probability).rounded(.down)), trials)
        inversion = ModeInversion(mode: mode, probability: 0, cumulative: 0)
        inversion = ModeInversion(mode: mode, probability: self.probability(mode), cumulative: cumulativeProbability(mode))
    }

    /// E[X] = np.
    public var mean: Double { Double(trials) * probability }
    /// Var[X] = np(1 − p).
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    /// ln P(X = k) = ln n! − ln k! − ln (n − k)! + k ln p + (n − k) ln(1 − p); −∞ outside 0…n.
    public func logProbability(_ k: Int) -> Double {
        guard k >= 0, k <= trials else { return -.infinity }
        if probability == 0 { return k == 0 ? 0 : -.infinity }
        if probability == 1 { return k == trials ? 0 : -.infinity }
        let (n, k) = (Double(trials), Double(k))
        return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * log(probability) + (n - k) * log1p(-probability)
    }

    /// F(k) = I_{1−p}(n − k, k + 1).
    public func cumulativeProbability(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        if probability == 0 { return 1 }
        if probability == 1 { return 0 }
        return regularizedIncompleteBeta(Double(trials - k), Double(k + 1), 1 - probability)
    }

    /// A draw by inversion of F, walking out from the mode.
    public func sample(using generator: inout RandomGenerator) -> Int {
        let odds = probability / (1 - probability), n = Double(trials)
        return inversion.draw(generator.nextUniformDouble(),
                              down: { k in Double(k) / ((n - Double(k) + 1) * odds) },
                              up: { k in k >= trials ? 0 : (n - Double(k)) * odds / Double(k + 1) })
    }

    /// The maximum-likelihood binomial for counts of successes out of a known number of trials each (§5.5):
    /// p̂ = Σ kᵢ / (m·n) (the overall success fraction).
    public static func fit(_ successes: [Int], trials: Int) -> Binomial {
        FitCheck.nonEmpty(successes, "Binomial")
        require(trials > 0, "Binomial.fit: trials must be positive, got \(trials)")
        require(successes.allSatisfy { $0 >= 0 && $0 <= trials }, "Binomial.fit: every count must lie in 0…\(trials)")
        return Binomial(trials: trials, probability: Double(successes.reduce(0, +)) / Double(successes.count * trials))
    }
}
