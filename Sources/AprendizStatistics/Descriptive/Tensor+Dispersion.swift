import AprendizTensor

// Spread of the data (§5.3): standard deviation, covariance and correlation matrices. The variance
// itself is the tensor core's `variance(axes:correction:keepDims:)`.

extension Tensor {
    /// The standard deviation over the given axes (all when nil): the square root of
    /// `variance(axes:correction:keepDims:)`.
    ///
    /// ```
    /// s = √( Σ(x − x̄)² / (n − correction) )
    /// ```
    /// `correction: 0` (default) is NumPy's `ddof=0`, the population (and maximum-likelihood) value;
    /// `correction: 1` is the sample standard deviation (`ddof=1`, PyTorch's default).
    public func standardDeviation(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        variance(axes: axes, correction: correction, keepDims: keepDims).sqrt()
    }

    /// The standard deviation over one axis; see ``standardDeviation(axes:correction:keepDims:)``.
    public func standardDeviation(axis: Int, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        standardDeviation(axes: [axis], correction: correction, keepDims: keepDims)
    }

    /// The covariance matrix of a 2-D tensor whose **rows are observations** and columns variables (§5.3):
    /// `numpy.cov(x, rowvar=False, ddof=correction)`.
    ///
    /// ```
    /// C[j][k] = Σᵢ (xᵢⱼ − x̄ⱼ)(xᵢₖ − x̄ₖ) / (n − correction)
    /// ```
    /// `correction: 1` (default, as NumPy's `cov`) gives the unbiased estimate; `0` the maximum-likelihood
    /// one (§5.5). Shape `[n, d]` → `[d, d]`, computed as a matrix product of the centred data.
    public func covarianceMatrix(correction: Int = 1) -> Tensor {
        require(rank == 2, "covarianceMatrix: needs a 2-D tensor (observations × variables), got shape \(shape)")
        require(shape[0] > correction, "covarianceMatrix: \(shape[0]) observations with correction \(correction) leave no degrees of freedom")
        let centered = self - mean(axis: 0, keepDims: true)
        return centered.transposed().matmul(centered) / Float(shape[0] - correction)
    }

    /// The Pearson correlation matrix of a 2-D tensor with observations in rows (§5.3):
    /// `numpy.corrcoef(x, rowvar=False)`.
    ///
    /// ```
    /// R[j][k] = C[j][k] / √(C[j][j]·C[k][k]),   clipped to [−1, 1]
    /// ```
    /// A constant column has no defined correlation (NaN, as in NumPy).
    public func correlationMatrix() -> Tensor {
        let covariance = covarianceMatrix(correction: 1)
        let d = shape[1]
        var values = covariance.scalars
        let deviations = (0..<d).map { values[$0 * d + $0].squareRoot() }
        for j in 0..<d {
            for k in 0..<d {
                values[j * d + k] = Swift.min(Swift.max(values[j * d + k] / (deviations[j] * deviations[k]), -1), 1)
            }
        }
        return Tensor(shape: [d, d], scalars: values)
    }
}
