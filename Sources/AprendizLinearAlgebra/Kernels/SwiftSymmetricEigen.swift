// Symmetric eigendecomposition in Double: the Swift fallback for `ssyevd_` (and `dsyevd_`), the way
// dsyevd does it: blocked Householder tridiagonalisation (BlockedTridiagonalization.swift: dsytrd),
// divide and conquer on the tridiagonal matrix (TridiagonalDivideAndConquer.swift: dstedc), whose
// blocks of at most 25 rows are solved by the implicit QL algorithm below, and the blocked
// back-transformation of the eigenvectors (dormtr).
//
// Implicit QL with Wilkinson-style shifts: the EISPACK routine tql2 (Wilkinson & Reinsch, Handbook for
// Automatic Computation II, 1971), as transcribed in the public-domain JAMA library
// (EigenvalueDecomposition.java), with the eigenvector matrix stored transposed so that every rotation
// combines two contiguous rows, and each QL sweep's rotations recorded and applied at once by the C
// kernel `aprendiz_rotate_rows` (LAPACK's dlasr: every element loaded and stored once per sweep).

import CAprendizSIMD
import Foundation

/// Eigenvalues (ascending) and orthonormal eigenvectors (the columns of the row-major n×n `vectors`)
/// of the symmetric row-major matrix `a` (only its lower triangle is read, like `ssyevd_` with
/// UPLO = 'L' on the row-major layout).
func swiftSymmetricEigen(_ a: [Float], n: Int) -> (values: [Double], vectors: [Double]) {
    swiftSymmetricEigen(a.map(Double.init), n: n)
}

/// ``swiftSymmetricEigen(_:n:)-([Float],_)`` of a Double matrix.
func swiftSymmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
    guard n > 0 else { return ([], []) }
    let (d, w) = symmetricEigenRows(a, n: n)
    let order = d.indices.sorted { d[$0] < d[$1] }
    var vectors = [Double](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() { for row in 0..<n { vectors[row * n + column] = w[source * n + row] } }
    return (order.map { d[$0] }, vectors)
}

/// The eigenvalues (ascending) and the eigenvectors as the rows of the row-major n×n result (eigenvector
/// i is row i, for eigenvalue i), of the symmetric `a` (lower triangle read): Qᵀ·A·Q = T = Z·Λ·Zᵀ, and
/// the rows of Zᵀ are carried to those of (Q·Z)ᵀ.
func symmetricEigenRows(_ a: [Double], n: Int) -> (values: [Double], rows: [Double]) {
    guard n > 0 else { return ([], []) }
    let reduction = HouseholderTridiagonal(a, n: n)
    let (values, z) = tridiagonalEigenDivideAndConquer(diagonal: reduction.diagonal, offDiagonal: reduction.offDiagonal)
    var rows = transpose(z, rows: n, columns: n)
    reduction.transformRows(&rows)
    return (values, rows)
}

/// tql2 on the transposed eigenvector matrix W = Vᵀ: d ← the eigenvalues (unsorted), rows of W ← the
/// eigenvectors. `e[i]` (i ≥ 1) couples rows i − 1 and i; `e[0]` is ignored.
func diagonalizeTridiagonal(_ w: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
    for i in 1..<max(1, n) { e[i - 1] = e[i] }
    e[n - 1] = 0
    var f = 0.0, tst1 = 0.0
    let eps = Double.ulpOfOne
    var cosines = [Double](repeating: 0, count: n), sines = [Double](repeating: 0, count: n)
    for l in 0..<n {
        tst1 = max(tst1, Swift.abs(d[l]) + Swift.abs(e[l]))
        var m = l
        while m < n - 1, Swift.abs(e[m]) > eps * tst1 { m += 1 }
        if m > l {
            var iterations = 0
            repeat {
                iterations += 1
                var g = d[l]
                var p = (d[l + 1] - g) / (2 * e[l])
                var r = hypot(p, 1)
                if p < 0 { r = -r }
                d[l] = e[l] / (p + r)
                d[l + 1] = e[l] * (p + r)
                let dl1 = d[l + 1]
                var h = g - d[l]
                for i in (l + 2)..<max(l + 2, n) { d[i] -= h }
                f += h
                p = d[m]
                var c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0
                let el1 = e[l + 1]
                for i in stride(from: m - 1, through: l, by: -1) {
                    c3 = c2; c2 = c; s2 = s
                    g = c * e[i]
                    h = c * p
                    r = hypot(p, e[i])
                    e[i + 1] = s * r
                    s = e[i] / r
                    c = p / r
                    p = c * d[i] - s * g
                    d[i + 1] = h + s * (c * g + s * d[i])
                    cosines[i] = c; sines[i] = s
                }
                aprendiz_rotate_rows(l, m, cosines, sines, &w, n, n)
                p = -s * s2 * c3 * el1 * e[l] / dl1
                e[l] = s * p
                d[l] = c * p
            } while Swift.abs(e[l]) > eps * tst1 && iterations < 100
        }
        d[l] += f
        e[l] = 0
    }
}
