import AprendizTensor
import Foundation

/// The exponential distribution with rate λ (§5.4): waiting times between Poisson events.
///
/// ```
/// ln p(x) = ln λ − λx  (x ≥ 0),   F(x) = 1 − e^(−λx)
/// E[X] = 1/λ,   Var[X] = 1/λ²
/// ```
/// Sampling by inversion: −ln(1 − u)/λ. SciPy: `scipy.stats.expon(scale: 1/λ)`.
public struct Exponential: UnivariateDistribution, Hashable {
    /// λ > 0, events per unit time.
    public let rate: Double

    /// Exponential(λ); defaults to λ = 1.
    /// - Precondition: λ positive and finite.
    public init(rate: Double = 1) {
        require(rate > 0 && rate.isFinite, "Exponential: rate must be positive and finite, got \(rate)")
        self.rate = rate
    }

    /// E[X] = 1/λ.
    public var mean: Double { 1 / rate }
    /// Var[X] = 1/λ².
    public var variance: Double { 1 / (rate * rate) }

    /// ln p(x) = ln λ − λx for x ≥ 0, −∞ for x < 0.
    public func logProbability(_ x: Double) -> Double { x < 0 ? -.infinity : log(rate) - rate * x }

    /// F(x) = 1 − e^(−λx), computed as −expm1(−λx).
    public func cumulativeProbability(_ x: Double) -> Double { x <= 0 ? 0 : -expm1(-rate * x) }

    /// A draw by inversion: −ln(1 − u)/λ.
    public func sample(using generator: inout RandomGenerator) -> Double {
        -log1p(-generator.nextUniformDouble()) / rate
    }

    /// The maximum-likelihood exponential (§5.5): λ̂ = 1/x̄ = n / Σ xᵢ (like `scipy.stats.expon.fit(x, floc=0)`).
    /// Samples must be non-negative and not all zero.
    public static func fit(_ samples: [Double]) -> Exponential {
        FitCheck.finite(samples, "Exponential")
        require(samples.allSatisfy { $0 >= 0 }, "Exponential.fit: samples must be non-negative")
        let mean = samples.reduce(0, +) / Double(samples.count)
        require(mean > 0, "Exponential.fit: the samples are all zero")
        return Exponential(rate: 1 / mean)
    }
}
