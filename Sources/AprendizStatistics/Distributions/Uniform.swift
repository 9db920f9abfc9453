import AprendizTensor
import Foundation

/// The continuous uniform distribution on [a, b) (§5.4).
///
/// ```
/// p(x) = 1/(b − a) on [a, b], 0 elsewhere
/// F(x) = clamp((x − a)/(b − a), 0, 1)
/// E[X] = (a + b)/2,   Var[X] = (b − a)²/12
/// ```
/// Sampling: a + (b − a)·u with u uniform in [0, 1). SciPy: `scipy.stats.uniform(loc: a, scale: b − a)`,
/// whose density includes both ends, as here.
public struct Uniform: UnivariateDistribution, Hashable {
    /// a, the lower end.
    public let low: Double
    /// b > a, the upper end.
    public let high: Double

    /// U(a, b); defaults to U(0, 1).
    public init(low: Double = 0, high: Double = 1) {
        require(low.isFinite && high.isFinite && low < high,
                "Uniform: needs finite low < high, got low \(low) and high \(high)")
        self.low = low
        self.high = high
    }

    /// E[X] = (a + b)/2.
    public var mean: Double { (low + high) / 2 }
    /// Var[X] = (b − a)²/12.
    public var variance: Double { (high - low) * (high - low) / 12 }

    /// ln p(x) = −ln(b − a) on [a, b], −∞ elsewhere.
    public func logProbability(_ x: Double) -> Double {
        x >= low && x <= high ? -log(high - low) : -.infinity
    }

    /// F(x) = (x − a)/(b − a), clamped to [0, 1].
    public func cumulativeProbability(_ x: Double) -> Double {
        Swift.min(Swift.max((x - low) / (high - low), 0), 1)
    }

    /// A draw a + (b − a)·u, u uniform in [0, 1).
    public func sample(using generator: inout RandomGenerator) -> Double {
        low + (high - low) * generator.nextUniformDouble()
    }

    /// The maximum-likelihood uniform for `samples` (§5.5): the smallest interval holding them all,
    /// â = min xᵢ, b̂ = max xᵢ (like `scipy.stats.uniform.fit`). Needs two distinct values.
    public static func fit(_ samples: [Double]) -> Uniform {
        FitCheck.finite(samples, "Uniform")
        let (low, high) = (samples.min()!, samples.max()!)
        require(low < high, "Uniform.fit: the samples are all equal to \(low)")
        return Uniform(low: low, high: high)
    }
}
