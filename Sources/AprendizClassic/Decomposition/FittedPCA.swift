import AprendizLinearAlgebra
import AprendizTensor

/// A fitted ``PCA``: the mean, the principal axes and their variances (scikit-learn's `mean_`,
/// `components_`, `explained_variance_`, `explained_variance_ratio_`, `singular_values_`,
/// `noise_variance_`).
///
/// ```
/// transform(x) = (x − μ)·Vₖᵀ            (÷ √varianceⱼ per column when whitening)
/// inverse(z)   = z·Vₖ + μ               (z·diag(√variance)·Vₖ + μ when whitening)
/// ```
public struct FittedPCA: InvertibleTransform, Equatable, Sendable {
    /// The column means μ of the training data (p values).
    public let mean: [Double]
    /// The principal axes Vₖ as rows, row-major `k × p`, each of unit length.
    public let componentValues: [Double]
    /// The variance along each axis, σⱼ² / (n − 1), descending.
    public let explainedVariance: [Double]
    /// Each axis's share of the total variance (of all min(n, p) components).
    public let explainedVarianceRatio: [Double]
    /// The singular values σⱼ of the centred training data.
    public let singularValues: [Double]
    /// The probabilistic-PCA noise variance: the mean variance of the discarded axes (0 when none).
    public let noiseVariance: Double
    /// Whether `transform` divides each component by its standard deviation.
    public let whiten: Bool

    init(mean: [Double], components: [Double], explainedVariance: [Double], explainedVarianceRatio: [Double],
         singularValues: [Double], noiseVariance: Double, whiten: Bool) {
        (self.mean, self.componentValues, self.explainedVariance) = (mean, components, explainedVariance)
        (self.explainedVarianceRatio, self.singularValues, self.noiseVariance, self.whiten) =
            (explainedVarianceRatio, singularValues, noiseVariance, whiten)
    }

    /// The number of input features p.
    public var featureCount: Int { mean.count }
    /// The number of kept components k.
    public var componentCount: Int { explainedVariance.count }
    /// The principal axes as a `[k, p]` tensor.
    public var components: Tensor {
        Tensor(shape: [componentCount, featureCount], scalars: componentValues.map { Float($0) })
    }

    /// The coordinates of the rows of `x` (`[count, p]`) on the axes: `[count, k]`.
    public func transform(_ x: Tensor) -> Tensor {
        Tensor(shape: [x.shape[0], componentCount], scalars: scores(x).map { Float($0) })
    }

    /// ``transform(_:)``'s coordinates in `Double`, row-major `[count, k]`.
    func scores(_ x: Tensor) -> [Double] {
        require(x.rank == 2 && x.shape[1] == featureCount, "FittedPCA.transform: expects [count, \(featureCount)], got \(x.shape)")
        let k = componentCount, p = featureCount
        let centred = DenseMatrix.rows(0..<x.shape[0], of: x, minus: mean)
        var scores = centred.times(DoubleDecomposition.transposed(componentValues, rows: k, columns: p), k: k)
        if whiten {
            let scale = explainedVariance.map { 1 / $0.squareRoot() }
            for i in 0..<x.shape[0] { for j in 0..<k { scores[i * k + j] *= scale[j] } }
        }
        return scores
    }

    /// Rows of component coordinates (`[count, k]`) mapped back to the feature space: `[count, p]`.
    public func inverseTransform(_ z: Tensor) -> Tensor {
        require(z.rank == 2 && z.shape[1] == componentCount,
                "FittedPCA.inverseTransform: expects [count, \(componentCount)], got \(z.shape)")
        let k = componentCount, p = featureCount
        var axes = componentValues
        if whiten { for j in 0..<k { let s = explainedVariance[j].squareRoot(); for c in 0..<p { axes[j * p + c] *= s } } }
        let rows = DenseMatrix(z)
        var out = rows.times(axes, k: p)
        for i in 0..<z.shape[0] { for c in 0..<p { out[i * p + c] += mean[c] } }
        return Tensor(shape: [z.shape[0], p], scalars: out.map { Float($0) })
    }
}
