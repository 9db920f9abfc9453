import AprendizLinearAlgebra
import AprendizTensor

/// The rows of x projected on their first principal directions (§16.4.1): the initial layout of t-SNE
/// (`init="pca"`), UMAP's `.pca` start and `aprendiz embed --method pca`.
///
/// ```
/// C = (X − 1·μᵀ)ᵀ(X − 1·μᵀ),   C·vₖ = λₖ·vₖ (λ₁ ≥ λ₂ ≥ …),   yᵢₖ = (xᵢ − μ)·vₖ
/// ```
/// Each direction's sign makes its largest-magnitude entry positive (scikit-learn's `svd_flip`).
/// The covariance eigendecomposition (``LinearAlgebra/eigh(_:)-(Tensor)``) is computed here until `PCA`
/// (Decomposition/) lands; then this should call it.
public enum PrincipalProjection {
    /// The `[count, components]` projection of the `[count, features]` rows, row-major in `Double`.
    public static func project(_ x: Tensor, components: Int) -> [Double] {
        let (n, p) = (x.shape[0], x.shape[1])
        let (centered, _) = DenseMatrix.centered(x)
        let gram = centered.gram()
        let eigen = LinearAlgebra.eigh(Tensor(shape: [p, p], scalars: gram.map { Float($0) }))
        let vectors = eigen.eigenvectors.scalars
        var directions = [[Double]]()
        for c in 0..<min(components, p) {
            var v = (0..<p).map { Double(vectors[$0 * p + (p - 1 - c)]) }
            if let largest = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[largest] < 0 { v = v.map { -$0 } }
            directions.append(v)
        }
        var y = [Double](repeating: 0, count: n * components)
        for i in 0..<n {
            for (c, v) in directions.enumerated() {
                var s = 0.0
                for f in 0..<p { s += centered.values[i * p + f] * v[f] }
                y[i * components + c] = s
            }
        }
        return y
    }
}
