// Symmetric eigendecomposition in Double: the Swift fallback for `ssyevd_` (and `dsyevd_`).
//
// Householder tridiagonalisation followed by the implicit QL algorithm with Wilkinson-style shifts:
// the EISPACK routines tred2 and tql2 (Wilkinson & Reinsch, Handbook for Automatic Computation II,
// 1971), as transcribed in the public-domain JAMA library (EigenvalueDecomposition.java), with the
// eigenvector matrix stored transposed so that every rotation of tql2 combines two contiguous rows,
// and each QL sweep's rotations recorded and applied at once by the C kernel `aprendiz_rotate_rows`
// (LAPACK's dlasr: every element loaded and stored once per sweep).

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

/// The eigenvalues (unsorted) and the eigenvectors as the rows of the row-major n×n result (eigenvector
/// i is row i, for eigenvalue i), of the symmetric `a` (lower triangle read).
func symmetricEigenRows(_ a: [Double], n: Int) -> (values: [Double], rows: [Double]) {
    guard n > 0 else { return ([], []) }
    if n > divideAndConquerCutoff {
        // dsyevd's path: blocked reduction, divide and conquer on T = Z·Λ·Zᵀ, blocked back-transformation
        // of the rows of Zᵀ to those of (Q·Z)ᵀ.
        let reduction = HouseholderTridiagonal(a, n: n)
        let (values, z) = tridiagonalEigenDivideAndConquer(diagonal: reduction.diagonal, offDiagonal: reduction.offDiagonal)
        var rows = transpose(z, rows: n, columns: n)
        reduction.transformRows(&rows)
        return (values, rows)
    }
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0...i { v[i * n + j] = a[i * n + j]; v[j * n + i] = a[i * n + j] } }
    var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
    tridiagonalize(&v, &d, &e, n)
    // tql2 rotates pairs of columns of V: on the transpose, `v` here, they are contiguous rows.
    diagonalizeTridiagonal(&v, &d, &e, n)
    return (d, v)
}

/// tred2: v ← Qᵀ for the orthogonal Q with Qᵀ·A·Q tridiagonal; d ← its diagonal, e ← its subdiagonal
/// (e[0] = 0). JAMA's loop on V, with every V[a][b] read as v[b][a]: its column walks become
/// contiguous row walks, and the result is already the transpose tql2 works on.
private func tridiagonalize(_ v: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
    v.withUnsafeMutableBufferPointer { vb in
        d.withUnsafeMutableBufferPointer { db in
            e.withUnsafeMutableBufferPointer { eb in
                tridiagonalize(vb.baseAddress!, db.baseAddress!, eb.baseAddress!, n)
            }
        }
    }
}

/// The body of ``tridiagonalize(_:_:_:_:)`` on raw pointers, so that its inner loops vectorise.
private func tridiagonalize(_ v: UnsafeMutablePointer<Double>, _ d: UnsafeMutablePointer<Double>,
                            _ e: UnsafeMutablePointer<Double>, _ n: Int) {
    for j in 0..<n { d[j] = v[j * n + (n - 1)] }
    for i in stride(from: n - 1, to: 0, by: -1) {
        var scale = 0.0, h = 0.0
        for k in 0..<i { scale += Swift.abs(d[k]) }
        if scale == 0 {
            e[i] = d[i - 1]
            for j in 0..<i { d[j] = v[j * n + (i - 1)]; v[j * n + i] = 0; v[i * n + j] = 0 }
        } else {
            for k in 0..<i { d[k] /= scale; h += d[k] * d[k] }
            var f = d[i - 1]
            var g = h.squareRoot()
            if f > 0 { g = -g }
            e[i] = scale * g
            h -= f * g
            d[i - 1] = f - g
            for j in 0..<i { e[j] = 0 }
            for j in 0..<i {
                f = d[j]
                v[i * n + j] = f
                g = e[j] + v[j * n + j] * f
                if j + 1 < i {
                    // A dot product with eight partial sums (a single running sum cannot vectorise) and an axpy.
                    g += dotProduct(v + j * n + j + 1, d + j + 1, i - j - 1)
                    for k in (j + 1)..<i { e[k] += v[j * n + k] * f }
                }
                e[j] = g
            }
            f = 0
            for j in 0..<i { e[j] /= h; f += e[j] * d[j] }
            let hh = f / (h + h)
            for j in 0..<i { e[j] -= hh * d[j] }
            for j in 0..<i {
                f = d[j]; g = e[j]
                for k in j..<i { v[j * n + k] -= f * e[k] + g * d[k] }
                d[j] = v[j * n + (i - 1)]
                v[j * n + i] = 0
            }
        }
        d[i] = h
    }
    for i in 0..<(n - 1) {
        v[i * n + (n - 1)] = v[i * n + i]
        v[i * n + i] = 1
        let h = d[i + 1]
        if h != 0 {
            for k in 0...i { d[k] = v[(i + 1) * n + k] / h }
            for j in 0...i {
                let g = dotProduct(v + (i + 1) * n, v + j * n, i + 1)
                for k in 0...i { v[j * n + k] -= g * d[k] }
            }
        }
        for k in 0...i { v[(i + 1) * n + k] = 0 }
    }
    for j in 0..<n { d[j] = v[j * n + (n - 1)]; v[j * n + (n - 1)] = 0 }
    v[(n - 1) * n + (n - 1)] = 1
    e[0] = 0
}

/// tql2 on the transposed eigenvector matrix W = Vᵀ: d ← the eigenvalues (unsorted), rows of W ← the
/// eigenvectors.
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
