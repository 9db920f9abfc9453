import AprendizLinearAlgebra
import AprendizTensor
import Foundation

/// UMAP's spectral initialisation (McInnes, Healy & Melville 2018, §3.2; umap-learn's `spectral_layout`):
/// the eigenvectors of the normalised graph Laplacian with the smallest nonzero eigenvalues,
///
/// ```
/// L = I − D^(−1/2)·W·D^(−1/2),   D = diag(Σⱼ wᵢⱼ)
/// ```
/// found as the leading eigenvectors of M = I + D^(−1/2)·W·D^(−1/2) (eigenvalues 2 − λ(L) ≥ 0) by orthogonal
/// (subspace) iteration on the sparse W with Rayleigh–Ritz, the trivial eigenvector D^(1/2)·1 projected out.
/// umap-learn uses ARPACK (`eigsh`) instead; both give the same subspace up to convergence tolerance.
/// Disconnected graphs are not laid out per component (umap-learn's `multi_component_layout`): their
/// eigenvectors are still valid coordinates but components may overlap.
enum SpectralLayout {
    /// The `count × components` layout, or `nil` when the iteration does not produce finite vectors.
    static func layout(_ w: SparseAffinities, components: Int, iterations: Int = 300) -> [Double]? {
        let n = w.count
        let block = min(components + 4, n - 1)
        guard block >= components, n > components + 1 else { return nil }
        var degree = [Double](repeating: 0, count: n)
        for i in 0..<n { for e in w.rowStart[i]..<w.rowStart[i + 1] { degree[i] += w.values[e] } }
        let inverseRoot = degree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var trivial = degree.map { $0.squareRoot() }
        let trivialNorm = trivial.reduce(0) { $0 + $1 * $1 }.squareRoot()
        trivial = trivial.map { $0 / max(trivialNorm, .leastNormalMagnitude) }

        func multiply(_ v: [Double]) -> [Double] {
            var out = v
            for i in 0..<n {
                var s = 0.0
                for e in w.rowStart[i]..<w.rowStart[i + 1] { s += w.values[e] * inverseRoot[w.columns[e]] * v[w.columns[e]] }
                out[i] += inverseRoot[i] * s
            }
            return out
        }
        var generator = RandomGenerator(seed: 42)
        var q = (0..<block).map { _ in (0..<n).map { _ in generator.nextNormal() } }
        for _ in 0..<iterations {
            q = orthonormalized(q.map(multiply), against: trivial)
        }
        // Rayleigh–Ritz: the eigenvectors of T = QᵀMQ order the subspace by eigenvalue.
        let mq = q.map(multiply)
        var t = [Float](repeating: 0, count: block * block)
        for r in 0..<block { for c in 0..<block { t[r * block + c] = Float(zip(q[r], mq[c]).reduce(0) { $0 + $1.0 * $1.1 }) } }
        let eigen = LinearAlgebra.eigh(Tensor(shape: [block, block], scalars: t))
        let vectors = eigen.eigenvectors.scalars
        var layout = [Double](repeating: 0, count: n * components)
        for c in 0..<components {
            let column = block - 1 - c  // eigenvalues ascending: the largest of M are last
            for i in 0..<n {
                var s = 0.0
                for r in 0..<block { s += q[r][i] * Double(vectors[r * block + column]) }
                layout[i * components + c] = s
            }
        }
        return layout.allSatisfy(\.isFinite) ? layout : nil
    }

    /// Modified Gram–Schmidt on `vectors`, each first made orthogonal to the unit vector `fixed`.
    private static func orthonormalized(_ vectors: [[Double]], against fixed: [Double]) -> [[Double]] {
        var basis: [[Double]] = []
        for var v in vectors {
            for u in [fixed] + basis {
                let projection = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                for i in v.indices { v[i] -= projection * u[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            basis.append(v.map { $0 / max(norm, 1e-300) })
        }
        return basis
    }
}
