// TEMPORARY until `AprendizLinearAlgebra.eigh` is merged: cyclic Jacobi in Double.

/// C = B·diag(values)·Bᵀ for the symmetric n×n matrix `c` (row-major): eigenvalues and the
/// eigenvectors as the columns of `vectors` (row-major). CMA-ES's only use of linear algebra.
func symmetricEigendecomposition(_ c: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
    var a = c, v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    for _ in 0..<60 {
        var off = 0.0
        for i in 0..<n { for j in (i + 1)..<n { off += a[i * n + j] * a[i * n + j] } }
        if off < 1e-30 { break }
        for p in 0..<n {
            for q in (p + 1)..<n where a[p * n + q] != 0 {
                let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let cs = 1 / (t * t + 1).squareRoot(), sn = t * cs
                for k in 0..<n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q])
                    a[k * n + p] = cs * akp - sn * akq; a[k * n + q] = sn * akp + cs * akq
                }
                for k in 0..<n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k])
                    a[p * n + k] = cs * apk - sn * aqk; a[q * n + k] = sn * apk + cs * aqk
                }
                for k in 0..<n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q])
                    v[k * n + p] = cs * vkp - sn * vkq; v[k * n + q] = sn * vkp + cs * vkq
                }
            }
        }
    }
    return ((0..<n).map { a[$0 * n + $0] }, v)
}
