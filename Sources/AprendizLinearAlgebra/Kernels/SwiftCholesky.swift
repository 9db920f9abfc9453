// Cholesky factorisation and triangular solves in Double: the Swift fallback for `spotrf_`/`spotrs_`.

import CAprendizSIMD

/// A = L·Lᵀ of a symmetric positive-definite row-major matrix, reading the lower triangle only; nil
/// when a pivot is not positive (A is not positive definite).
///
/// Blocked right-looking, like LAPACK's `dpotrf` (Golub & Van Loan, Algorithm 4.2.2 arranged by
/// blocks, §4.2.9): for each panel of `block` columns,
/// ```
/// L₁₁ = chol(A₁₁)              (row by row, Algorithm 4.2.1)
/// L₂₁ = A₂₁·L₁₁⁻ᵀ              (a triangular solve per row)
/// A₂₂ ← A₂₂ − L₂₁·L₂₁ᵀ          (the trailing update: the C GEMM kernel `aprendiz_dgemm_nt`)
/// ```
/// The trailing update carries almost all of the n³/3 multiply-adds; it runs on row blocks of the
/// lower triangle (their diagonal blocks also fill some upper entries, zeroed at the end).
func swiftCholesky(_ a: [Float], n: Int, block: Int = 64) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0...i { l[i * n + j] = Double(a[i * n + j]) } }
    let ok = l.withUnsafeMutableBufferPointer { buffer -> Bool in
        let l = buffer.baseAddress!
        for k0 in stride(from: 0, to: n, by: block) {
            let kb = min(block, n - k0), end = k0 + kb
            // L₁₁ and L₂₁, row by row: entries (i, j) for j in the panel, from the updated A.
            for i in k0..<n {
                let row = l + i * n
                for j in k0..<min(i + 1, end) {
                    let sum = row[j] - dotProduct(row + k0, l + j * n + k0, j - k0)
                    if j == i {
                        guard sum > 0, sum.isFinite else { return false }
                        row[j] = sum.squareRoot()
                    } else {
                        row[j] = sum / l[j * n + j]
                    }
                }
            }
            // A₂₂ ← A₂₂ − L₂₁·L₂₁ᵀ, on row blocks [i0, i1) × columns [end, i1).
            let rowBlock = 256
            for i0 in stride(from: end, to: n, by: rowBlock) {
                let i1 = min(i0 + rowBlock, n)
                aprendiz_dgemm_nt(i1 - i0, i1 - end, kb, -1, l + i0 * n + k0, n, l + end * n + k0, n, l + i0 * n + end, n)
            }
        }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { l[i * n + j] = 0 } }
        return true
    }
    return ok ? l : nil
}

/// X with L·Lᵀ·X = B, for the lower Cholesky factor L (n×n) and B of shape n×k (row-major):
/// forward substitution L·Y = B, then back substitution Lᵀ·X = Y. Both walk the rows of L (row i
/// of L is column i of Lᵀ, so the back substitution subtracts xᵢ·Lᵢ,₀..ᵢ₋₁ from the rows above:
/// Golub & Van Loan Algorithm 3.1.4, column-oriented), never its columns.
func swiftCholeskySolve(_ l: [Double], n: Int, _ b: [Double], columns k: Int) -> [Double] {
    var x = b
    l.withUnsafeBufferPointer { l in
        x.withUnsafeMutableBufferPointer { x in
            let lp = l.baseAddress!, xp = x.baseAddress!
            for i in 0..<n {
                if k == 1 {
                    x[i] -= dotProduct(lp + i * n, xp, i)
                } else {
                    for p in 0..<i { let f = l[i * n + p]; for j in 0..<k { x[i * k + j] -= f * x[p * k + j] } }
                }
                for j in 0..<k { x[i * k + j] /= l[i * n + i] }
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in 0..<k { x[i * k + j] /= l[i * n + i] }
                for p in 0..<i {
                    let f = l[i * n + p]
                    for j in 0..<k { x[p * k + j] -= f * x[i * k + j] }
                }
            }
        }
    }
    return x
}
