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
/// No closed-form maximum-likelihood fit exists, so there is none here.
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
}
