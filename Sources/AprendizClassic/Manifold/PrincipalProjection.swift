import AprendizTensor

/// The rows of x projected on their first principal directions (§16.4.1): the initial layout of t-SNE
/// (`init="pca"`), UMAP's `.pca` start and `aprendiz embed --method pca` — ``PCA`` with the exact (full SVD)
/// solver, in `Double`, signs as scikit-learn's `svd_flip`.
///
/// ```
/// X − 1·μᵀ = U·Σ·Vᵀ,   yᵢₖ = (xᵢ − μ)·vₖ
/// ```
/// scikit-learn's t-SNE uses the randomized solver with its `random_state`; the exact one gives the same
/// directions (up to that solver's error) without a seed.
public enum PrincipalProjection {
    /// The `[count, components]` projection of the `[count, features]` rows, row-major in `Double`; columns past
    /// min(count, features) are 0.
    public static func project(_ x: Tensor, components: Int) -> [Double] {
        let (n, p) = (x.shape[0], x.shape[1])
        let k = min(components, p, n)
        guard k >= 1 else { return [Double](repeating: 0, count: n * components) }
        let fitted: FittedPCA
        do {
            fitted = try PCA(components: .count(k), solver: .full).fit(x)
        } catch {
            // The callers validated x (finite, [n, d] with n ≥ 2): a failure here is a programming error.
            preconditionFailure("PrincipalProjection: \(error)")
        }
        let scores = fitted.scores(x)
        guard k < components else { return scores }
        var y = [Double](repeating: 0, count: n * components)
        for i in 0..<n { for c in 0..<k { y[i * components + c] = scores[i * k + c] } }
        return y
    }
}
