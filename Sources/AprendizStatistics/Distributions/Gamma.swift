import AprendizTensor
import Foundation

/// The gamma distribution with shape k and rate λ (§5.4): the sum of k exponential waiting times.
///
/// ```
/// ln p(x) = k ln λ + (k − 1) ln x − λx − ln Γ(k)   (x > 0)
/// F(x)    = P(k, λx)                                (regularised lower incomplete gamma)
/// E[X] = k/λ,   Var[X] = k/λ²
/// ```
/// Sampling: Marsaglia & Tsang (2000) for k ≥ 1; for k < 1, G(k + 1)·u^(1/k). SciPy:
/// `scipy.stats.gamma(k, scale: 1/λ)`; PyTorch: `Gamma(concentration: k, rate: λ)`.
public struct Gamma: UnivariateDistribution, Hashable {
    /// k > 0.
    public let shape: Double
    /// λ > 0.
    public let rate: Double

    /// Gamma(k, λ); the rate defaults to 1.
    /// - Precondition: k, λ positive and finite.
    public init(shape: Double, rate: Double = 1) {
        require(shape > 0 && shape.isFinite, "Gamma: shape must be positive and finite, got \(shape)")
        require(rate > 0 && rate.isFinite, "Gamma: rate must be positive and finite, got \(rate)")
        self.shape = shape
        self.rate = rate
    }

    /// E[X] = k/λ.
    public var mean: Double { shape / rate }
    /// Var[X] = k/λ².
    public var variance: Double { shape / (rate * rate) }

    /// ln p(x) = k ln λ + (k − 1) ln x − λx − ln Γ(k) for x > 0; −∞ for x < 0.
    public func logProbability(_ x: Double) -> Double {
        if x < 0 { return -.infinity }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? log(rate) : -.infinity) }
        return shape * log(rate) + (shape - 1) * log(x) - rate * x - logGamma(shape)
    }

    /// F(x) = P(k, λx), the regularised lower incomplete gamma function.
    public func cumulativeProbability(_ x: Double) -> Double { x <= 0 ? 0 : regularizedGammaP(shape, rate * x) }

    /// A draw: Marsaglia–Tsang for Gamma(k, 1), divided by λ.
    public func sample(using generator: inout RandomGenerator) -> Double {
        Gamma.standardDraw(shape: shape, using: &generator) / rate
    }

    /// The maximum-likelihood gamma for positive `samples` (§5.5). The shape has no closed form: it solves
    /// the likelihood equation by Newton's method from Minka's (2002) starting point; the rate follows.
    ///
    /// ```
    /// s = ln x̄ − (1/n) Σ ln xᵢ                     (> 0 unless all samples are equal)
    /// k₀ = (3 − s + √((s − 3)² + 24s)) / (12s)
    /// k ← k − (ln k − ψ(k) − s) / (1/k − ψ′(k))     until the step is below 1e−14·k
    /// λ̂ = k̂ / x̄
    /// ```
    /// Matches `scipy.stats.gamma.fit(x, floc=0)`. Needs two distinct positive values.
    public static func fit(_ samples: [Double]) -> Gamma {
        FitCheck.finite(samples, "Gamma")
        require(samples.allSatisfy { $0 > 0 }, "Gamma.fit: samples must be positive")
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        let s = log(mean) - samples.reduce(0) { $0 + log($1) } / n
        require(s > 0, "Gamma.fit: the samples are all equal, so the shape is unbounded")
        var k = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
        for _ in 0..<100 {
            let step = (log(k) - digamma(k) - s) / (1 / k - trigamma(k))
            k = Swift.max(k - step, k / 10)          // stay positive
            if Swift.abs(step) <= 1e-14 * k { break }
        }
        return Gamma(shape: k, rate: k / mean)
    }

    /// A Gamma(k, 1) draw (Marsaglia & Tsang's squeeze-and-reject method).
    static func standardDraw(shape k: Double, using generator: inout RandomGenerator) -> Double {
        if k < 1 {
            let u = 1 - generator.nextUniformDouble()   // (0, 1]
            return standardDraw(shape: k + 1, using: &generator) * pow(u, 1 / k)
        }
        let d = k - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let z = generator.nextNormal()
            let t = 1 + c * z
            guard t > 0 else { continue }
            let v = t * t * t, u = 1 - generator.nextUniformDouble()
            if u < 1 - 0.0331 * z * z * z * z || log(u) < 0.5 * z * z + d * (1 - v + log(v)) { return d * v }
        }
    }
}
