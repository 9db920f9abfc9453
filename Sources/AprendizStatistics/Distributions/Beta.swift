import AprendizTensor
import Foundation

/// The beta distribution with shapes α and β on [0, 1] (§5.4): a distribution over probabilities, the
/// conjugate prior of the Bernoulli and binomial (§5.2).
///
/// ```
/// ln p(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β)   (0 < x < 1)
/// F(x)    = I_x(α, β)                                         (regularised incomplete beta)
/// E[X] = α/(α + β),   Var[X] = αβ / ((α + β)²(α + β + 1))
/// ```
/// Sampling: X/(X + Y) with X ~ Gamma(α), Y ~ Gamma(β). SciPy: `scipy.stats.beta(α, β)`.
public struct Beta: UnivariateDistribution, Hashable {
    /// α > 0 (PyTorch's `concentration1`).
    public let alpha: Double
    /// β > 0 (PyTorch's `concentration0`).
    public let beta: Double

    /// Beta(α, β).
    /// - Precondition: α, β positive and finite.
    public init(alpha: Double, beta: Double) {
        require(alpha > 0 && alpha.isFinite && beta > 0 && beta.isFinite,
                "Beta: alpha and beta must be positive and finite, got \(alpha) and \(beta)")
        self.alpha = alpha
        self.beta = beta
    }

    /// E[X] = α/(α + β).
    public var mean: Double { alpha / (alpha + beta) }
    /// Var[X] = αβ / ((α + β)²(α + β + 1)).
    public var variance: Double {
        let sum = alpha + beta
        return alpha * beta / (sum * sum * (sum + 1))
    }

    /// ln p(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β) on (0, 1); −∞ outside [0, 1].
    public func logProbability(_ x: Double) -> Double {
        guard x > 0, x < 1 else { return x < 0 || x > 1 ? -.infinity : edgeLogProbability(x) }
        return (alpha - 1) * log(x) + (beta - 1) * log1p(-x) - logBeta(alpha, beta)
    }

    /// At x = 0 or 1 the density is 0, finite or infinite depending on the shape there.
    private func edgeLogProbability(_ x: Double) -> Double {
        let shape = x == 0 ? alpha : beta
        if shape == 1 { return -logBeta(alpha, beta) }
        return shape < 1 ? .infinity : -.infinity
    }

    /// F(x) = I_x(α, β), the regularised incomplete beta function.
    public func cumulativeProbability(_ x: Double) -> Double {
        x <= 0 ? 0 : (x >= 1 ? 1 : regularizedIncompleteBeta(alpha, beta, x))
    }

    /// A draw X/(X + Y) with X ~ Gamma(α, 1), Y ~ Gamma(β, 1).
    public func sample(using generator: inout RandomGenerator) -> Double {
        let x = Gamma.standardDraw(shape: alpha, using: &generator)
        let y = Gamma.standardDraw(shape: beta, using: &generator)
        return x / (x + y)
    }

    /// The maximum-likelihood beta for `samples` strictly inside (0, 1) (§5.5). No closed form: Newton's
    /// method on the two likelihood equations, started from the method of moments.
    ///
    /// ```
    /// ψ(α) − ψ(α + β) = (1/n) Σ ln xᵢ,     ψ(β) − ψ(α + β) = (1/n) Σ ln(1 − xᵢ)
    /// Jacobian [[ψ′(α) − ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β) − ψ′(α+β)]]
    /// start:  c = x̄(1 − x̄)/v − 1,  α₀ = x̄·c,  β₀ = (1 − x̄)·c      (v the biased sample variance)
    /// ```
    /// Matches `scipy.stats.beta.fit(x, floc=0, fscale=1)`. Needs two distinct values.
    public static func fit(_ samples: [Double]) -> Beta {
        FitCheck.finite(samples, "Beta")
        require(samples.allSatisfy { $0 > 0 && $0 < 1 }, "Beta.fit: samples must lie strictly between 0 and 1")
        let n = Double(samples.count)
        let meanLog = samples.reduce(0) { $0 + log($1) } / n
        let meanLogComplement = samples.reduce(0) { $0 + log1p(-$1) } / n
        let mean = samples.reduce(0, +) / n
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        require(variance > 0, "Beta.fit: the samples are all equal")
        let c = Swift.max(mean * (1 - mean) / variance - 1, 1e-3)
        var (a, b) = (mean * c, (1 - mean) * c)
        for _ in 0..<100 {
            let both = digamma(a + b), slopeBoth = trigamma(a + b)
            let (ga, gb) = (digamma(a) - both - meanLog, digamma(b) - both - meanLogComplement)
            let (jaa, jbb, jab) = (trigamma(a) - slopeBoth, trigamma(b) - slopeBoth, -slopeBoth)
            let determinant = jaa * jbb - jab * jab
            let (da, db) = ((jbb * ga - jab * gb) / determinant, (jaa * gb - jab * ga) / determinant)
            (a, b) = (Swift.max(a - da, a / 10), Swift.max(b - db, b / 10))   // stay positive
            if Swift.abs(da) <= 1e-14 * a, Swift.abs(db) <= 1e-14 * b { break }
        }
        return Beta(alpha: a, beta: b)
    }
}
