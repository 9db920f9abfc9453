// Symmetric eigendecomposition in Double: the Swift fallback for `ssyevd_`.
//
// Householder tridiagonalisation followed by the implicit QL algorithm with Wilkinson-style shifts:
// the EISPACK routines tred2 and tql2 (Wilkinson & Reinsch, Handbook for Automatic Computation II,
// 1971), as transcribed in the public-domain JAMA library (EigenvalueDecomposition.java).

import Foundation

/// Eigenvalues (ascending) and orthonormal eigenvectors (the columns of the row-major n×n `vectors`)
/// of the symmetric row-major matrix `a` (only its lower triangle is read, like `ssyevd_` with
/// UPLO = 'L' on the row-major layout).
func swiftSymmetricEigen(_ a: [Float], n: Int) -> (values: [Double], vectors: [Double]) {
    guard n > 0 else { return ([], []) }
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0...i { v[i * n + j] = Double(a[i * n + j]); v[j * n + i] = Double(a[i * n + j]) } }
    var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
    tridiagonalize(&v, &d, &e, n)
    // tql2 rotates pairs of columns of V; on the transpose they are contiguous rows.
    var w = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { w[j * n + i] = v[i * n + j] } }
    diagonalizeTridiagonal(&w, &d, &e, n)
    let order = d.indices.sorted { d[$0] < d[$1] }
    var vectors = [Double](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() { for row in 0..<n { vectors[row * n + column] = w[source * n + row] } }
    return (order.map { d[$0] }, vectors)
}

/// tred2: V ← the orthogonal Q with Qᵀ·A·Q tridiagonal; d ← its diagonal, e ← its subdiagonal (e[0] = 0).
private func tridiagonalize(_ v: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
    for j in 0..<n { d[j] = v[(n - 1) * n + j] }
    for i in stride(from: n - 1, to: 0, by: -1) {
        var scale = 0.0, h = 0.0
        for k in 0..<i { scale += Swift.abs(d[k]) }
        if scale == 0 {
            e[i] = d[i - 1]
            for j in 0..<i { d[j] = v[(i - 1) * n + j]; v[i * n + j] = 0; v[j * n + i] = 0 }
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
                v[j * n + i] = f
                g = e[j] + v[j * n + j] * f
                for k in (j + 1)..<max(j + 1, i) {
                    g += v[k * n + j] * d[k]
                    e[k] += v[k * n + j] * f
                }
                e[j] = g
            }
            f = 0
            for j in 0..<i { e[j] /= h; f += e[j] * d[j] }
            let hh = f / (h + h)
            for j in 0..<i { e[j] -= hh * d[j] }
            for j in 0..<i {
                f = d[j]; g = e[j]
                for k in j..<i { v[k * n + j] -= f * e[k] + g * d[k] }
                d[j] = v[(i - 1) * n + j]
                v[i * n + j] = 0
            }
        }
        d[i] = h
    }
    for i in 0..<(n - 1) {
        v[(n - 1) * n + i] = v[i * n + i]
        v[i * n + i] = 1
        let h = d[i + 1]
        if h != 0 {
            for k in 0...i { d[k] = v[k * n + i + 1] / h }
            for j in 0...i {
                var g = 0.0
                for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
                for k in 0...i { v[k * n + j] -= g * d[k] }
            }
        }
        for k in 0...i { v[k * n + i + 1] = 0 }
    }
    for j in 0..<n { d[j] = v[(n - 1) * n + j]; v[(n - 1) * n + j] = 0 }
    v[(n - 1) * n + n - 1] = 1
    e[0] = 0
}

/// tql2 on the transposed eigenvector matrix W = Vᵀ: d ← the eigenvalues (unsorted), rows of W ← the
/// eigenvectors.
private func diagonalizeTridiagonal(_ w: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
    for i in 1..<max(1, n) { e[i - 1] = e[i] }
    e[n - 1] = 0
    var f = 0.0, tst1 = 0.0
    let eps = Double.ulpOfOne
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
                    w.withUnsafeMutableBufferPointer { w in
                        let upper = (i + 1) * n, lower = i * n
                        for k in 0..<n {
                            let hk = w[upper + k]
                            w[upper + k] = s * w[lower + k] + c * hk
                            w[lower + k] = c * w[lower + k] - s * hk
                        }
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1
                e[l] = s * p
                d[l] = c * p
            } while Swift.abs(e[l]) > eps * tst1 && iterations < 100
        }
        d[l] += f
        e[l] = 0
    }
}
