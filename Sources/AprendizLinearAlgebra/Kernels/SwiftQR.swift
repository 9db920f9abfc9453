// Householder QR in Double: the Swift fallback for `sgeqrf_` + `sorgqr_`.

/// The reduced QR factorisation A = Q·R of an m×n row-major matrix by Householder reflections
/// (Golub & Van Loan, Algorithm 5.2.1), in Double; k = min(m, n), Q is m×k with orthonormal columns,
/// R is k×n upper triangular.
///
/// Each reflection H = I − τ·v·vᵀ maps the column below the diagonal onto α·e₁ with
/// α = −sign(a_jj)·‖a_j:m,j‖, the sign LAPACK's `sgeqrf` uses; a column already zero below the
/// diagonal is left alone (τ = 0), as LAPACK does, so R's signs agree with NumPy's.
func swiftQR(_ a: [Float], rows m: Int, columns n: Int) -> (q: [Double], r: [Double]) {
    let k = min(m, n)
    var work = a.map(Double.init)
    var reflectors: [(v: [Double], tau: Double)] = []
    for j in 0..<k {
        var tail = 0.0
        for i in (j + 1)..<max(j + 1, m) { tail += work[i * n + j] * work[i * n + j] }
        if tail == 0 { reflectors.append(([], 0)); continue }
        let x0 = work[j * n + j], norm = (x0 * x0 + tail).squareRoot()
        let alpha = x0 >= 0 ? -norm : norm
        var v = (j..<m).map { work[$0 * n + j] }
        v[0] -= alpha
        let tau = 2 / (v[0] * v[0] + tail)
        applyReflector(v, tau, to: &work, rowOffset: j, columns: n, fromColumn: j)
        reflectors.append((v, tau))
    }
    var r = [Double](repeating: 0, count: k * n)
    for i in 0..<k { for j in i..<n { r[i * n + j] = work[i * n + j] } }
    // Q = H₀·H₁⋯H_{k−1}·[I; 0], applying the reflections from the last one back.
    var q = [Double](repeating: 0, count: m * k)
    for i in 0..<k { q[i * k + i] = 1 }
    for j in stride(from: k - 1, through: 0, by: -1) where reflectors[j].tau != 0 {
        applyReflector(reflectors[j].v, reflectors[j].tau, to: &q, rowOffset: j, columns: k, fromColumn: 0)
    }
    return (q, r)
}

/// M[rowOffset..., fromColumn...] ← (I − τ·v·vᵀ)·M[rowOffset..., fromColumn...] for a row-major M
/// with `columns` columns: w = vᵀ·M (one pass over the rows), then M −= τ·v·w.
private func applyReflector(_ v: [Double], _ tau: Double, to matrix: inout [Double], rowOffset: Int,
                            columns: Int, fromColumn: Int) {
    let width = columns - fromColumn
    var w = [Double](repeating: 0, count: width)
    matrix.withUnsafeMutableBufferPointer { m in
        for (i, vi) in v.enumerated() where vi != 0 {
            let row = (rowOffset + i) * columns + fromColumn
            for c in 0..<width { w[c] += vi * m[row + c] }
        }
        for (i, vi) in v.enumerated() where vi != 0 {
            let row = (rowOffset + i) * columns + fromColumn, f = tau * vi
            for c in 0..<width { m[row + c] -= f * w[c] }
        }
    }
}
