import AprendizLinearAlgebra
import AprendizTensor
import Foundation

/// The multivariate normal distribution N(μ, Σ) over vectors of d real numbers (§5.4), through the
/// Cholesky factor Σ = L·Lᵀ (`LinearAlgebra/cholesky(_:)`).
///
/// ```
/// ln p(x) = −½‖z‖² − Σᵢ ln Lᵢᵢ − (d/2) ln 2π,     L·z = x − μ   (so ‖z‖² = (x − μ)ᵀ Σ⁻¹ (x − μ))
/// sample  = μ + L·z,   z ~ N(0, I)
/// E[X] = μ,   Cov[X] = Σ
/// ```
/// The factor is computed once, at construction, in `Float` by the linear-algebra module and used in
/// `Double` (forward substitution and the log-determinant 2·Σ ln Lᵢᵢ), so log-densities agree with
/// `scipy.stats.multivariate_normal.logpdf` to float32 precision. PyTorch: `MultivariateNormal(μ, Σ)`.
public struct MultivariateNormal: Distribution {
    /// μ, length d.
    public let mean: [Double]
    /// L, row-major d×d lower-triangular, with Σ = L·Lᵀ.
    private let factor: [Double]

    /// N(μ, Σ): `mean` of shape [d] and a symmetric positive-definite `covariance` of shape [d, d]
    /// (only its lower triangle is read).
    /// - Precondition: Σ is positive definite (otherwise the Cholesky factorisation stops with a message).
    public init(mean: Tensor, covariance: Tensor) {
        require(mean.rank == 1 && covariance.shape == [mean.count, mean.count],
                "MultivariateNormal: mean of shape [d] needs a covariance of shape [d, d], got \(mean.shape) and \(covariance.shape)")
        require(mean.scalars.allSatisfy(\.isFinite) && covariance.scalars.allSatisfy(\.isFinite),
                "MultivariateNormal: mean and covariance must be finite")
        self.mean = mean.scalars.map(Double.init)
        factor = LinearAlgebra.cholesky(covariance).scalars.map(Double.init)
    }

    /// d, the length of each vector.
    public var dimension: Int { mean.count }

    /// Σ = L·Lᵀ, shape [d, d].
    public var covariance: Tensor {
        let d = dimension
        var values = [Float](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0..<d {
                var sum = 0.0
                for k in 0...Swift.min(i, j) { sum += factor[i * d + k] * factor[j * d + k] }
                values[i * d + j] = Float(sum)
            }
        }
        return Tensor(shape: [d, d], scalars: values)
    }

    /// ln p(x) = −½‖z‖² − Σᵢ ln Lᵢᵢ − (d/2) ln 2π with L·z = x − μ.
    /// - Precondition: x has d elements.
    public func logProbability(_ x: [Double]) -> Double {
        require(x.count == dimension, "MultivariateNormal.logProbability: a vector of length \(x.count) for a distribution of dimension \(dimension)")
        let d = dimension
        var z = [Double](repeating: 0, count: d), squaredNorm = 0.0, logDeterminantHalf = 0.0
        for i in 0..<d {                                  // forward substitution L·z = x − μ
            var sum = x[i] - mean[i]
            for k in 0..<i { sum -= factor[i * d + k] * z[k] }
            z[i] = sum / factor[i * d + i]
            squaredNorm += z[i] * z[i]
            logDeterminantHalf += log(factor[i * d + i])
        }
        return -0.5 * squaredNorm - logDeterminantHalf - 0.5 * Double(d) * log(2 * Double.pi)
    }

    /// ln p of each row of a [n, d] tensor, as a [n] tensor.
    public func logProbability(_ rows: Tensor) -> Tensor {
        require(rows.rank == 2 && rows.shape[1] == dimension,
                "MultivariateNormal.logProbability: rows of shape [n, \(dimension)] expected, got \(rows.shape)")
        let values = rows.scalars.map(Double.init)
        return Tensor((0..<rows.shape[0]).map { r in Float(logProbability(Array(values[r * dimension..<(r + 1) * dimension]))) })
    }

    /// A draw μ + L·z with z a vector of d standard normal draws.
    public func sample(using generator: inout RandomGenerator) -> [Double] {
        let d = dimension
        let z = (0..<d).map { _ in generator.nextNormal() }
        return (0..<d).map { i in mean[i] + (0...i).reduce(0) { $0 + factor[i * d + $1] * z[$1] } }
    }

    /// The maximum-likelihood multivariate normal for the rows of a [n, d] tensor (§5.5): the sample mean
    /// and the **biased** covariance (divisor n, `covarianceMatrix(correction: 0)`).
    ///
    /// ```
    /// μ̂ = (1/n) Σ xᵢ,   Σ̂ = (1/n) Σ (xᵢ − μ̂)(xᵢ − μ̂)ᵀ
    /// ```
    /// Needs Σ̂ positive definite: more observations than dimensions, in general position.
    public static func fit(_ samples: Tensor) -> MultivariateNormal {
        require(samples.rank == 2 && samples.shape[0] > 0, "MultivariateNormal.fit: needs a [n, d] tensor of observations, got shape \(samples.shape)")
        return MultivariateNormal(mean: samples.mean(axis: 0), covariance: samples.covarianceMatrix(correction: 0))
    }
}
