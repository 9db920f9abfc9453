import AprendizTensor
import Foundation

/// The normal (Gaussian) distribution N(μ, σ²) (§5.4).
///
/// ```
/// ln p(x) = −(x − μ)²/(2σ²) − ln σ − ½ ln 2π
/// F(x)    = ½ · erfc(−(x − μ)/(σ√2))
/// F⁻¹(q)  = μ − σ√2 · erfc⁻¹(2q)
/// E[X] = μ,   Var[X] = σ²
/// ```
/// Sampling: μ + σ·z with z from Box–Muller (`RandomGenerator/nextNormal()`). SciPy: `scipy.stats.norm(μ, σ)`.
public struct Normal: UnivariateDistribution, Hashable {
    /// μ, the centre.
    public let mean: Double
    /// σ > 0, the spread.
    public let standardDeviation: Double

    /// N(μ, σ²); defaults to the standard normal N(0, 1).
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        require(mean.isFinite, "Normal: mean must be finite, got \(mean)")
        require(standardDeviation > 0 && standardDeviation.isFinite,
                "Normal: standardDeviation must be positive and finite, got \(standardDeviation)")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Var[X] = σ².
    public var variance: Double { standardDeviation * standardDeviation }

    /// ln p(x) = −(x − μ)²/(2σ²) − ln σ − ½ ln 2π.
    public func logProbability(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - log(standardDeviation) - 0.5 * log(2 * Double.pi)
    }

    /// F(x) = ½·erfc(−(x − μ)/(σ√2)), accurate in both tails.
    public func cumulativeProbability(_ x: Double) -> Double {
        0.5 * complementaryErrorFunction(-(x - mean) / (standardDeviation * 2.0.squareRoot()))
    }

    /// The quantile function F⁻¹(q): the x with P(X ≤ x) = q, for 0 ≤ q ≤ 1 (±∞ at the ends).
    public func inverseCumulativeProbability(_ q: Double) -> Double {
        require(q >= 0 && q <= 1, "Normal.inverseCumulativeProbability: q must lie in [0, 1], got \(q)")
        // The erfc⁻¹ form keeps relative accuracy in the lower tail, where 1 − 2q would round.
        return mean - standardDeviation * 2.0.squareRoot() * inverseComplementaryErrorFunction(2 * q)
    }

    /// A draw μ + σ·z, z from Box–Muller.
    public func sample(using generator: inout RandomGenerator) -> Double {
        mean + standardDeviation * generator.nextNormal()
    }

    /// The maximum-likelihood normal for `samples` (§5.5): the sample mean and the **biased** standard
    /// deviation (divisor n, not n − 1), like `scipy.stats.norm.fit`.
    ///
    /// ```
    /// μ̂ = (1/n) Σ xᵢ,   σ̂² = (1/n) Σ (xᵢ − μ̂)²
    /// ```
    /// Needs at least two distinct values (σ̂ > 0).
    public static func fit(_ samples: [Double]) -> Normal {
        FitCheck.finite(samples, "Normal")
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        require(variance > 0, "Normal.fit: the samples are all equal, so σ̂ = 0")
        return Normal(mean: mean, standardDeviation: variance.squareRoot())
    }
}
