// Cholesky factorisation and triangular solves in Double: the Swift fallback for `spotrf_`/`spotrs_`.

/// A = L·Lᵀ of a symmetric positive-definite row-major matrix (Golub & Van Loan, Algorithm 4.2.1,
/// row by row), reading the lower triangle only; nil when a pivot is not positive (A is not positive
/// definite).
///
/// Rows are taken eight at a time: their entries left of the block are eight dot products against
/// the same earlier row of L, computed together so that row streams from memory once per block
/// instead of once per row (the loop is bound by memory traffic, not arithmetic).
func swiftCholesky(_ a: [Float], n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    let ok = l.withUnsafeMutableBufferPointer { buffer -> Bool in
        let l = buffer.baseAddress!
        var first = 0
        while first < n {
            let rows = min(8, n - first)
            for j in 0..<first {
                let sums = dotProducts(l + first * n, rowStride: n, rows: rows, with: l + j * n, count: j)
                for r in 0..<rows { l[(first + r) * n + j] = (Double(a[(first + r) * n + j]) - sums[r]) / l[j * n + j] }
            }
            for j in first..<(first + rows) {
                let diagonal = Double(a[j * n + j]) - dotProduct(l + j * n, l + j * n, j)
                guard diagonal > 0, diagonal.isFinite else { return false }
                let root = diagonal.squareRoot()
                l[j * n + j] = root
                for i in (j + 1)..<(first + rows) {
                    l[i * n + j] = (Double(a[i * n + j]) - dotProduct(l + i * n, l + j * n, j)) / root
                }
            }
            first += rows
        }
        return true
    }
    return ok ? l : nil
}

/// The dot products of `rows` (≤ 8) rows, `rowStride` apart from `matrix`, with `vector`, over
/// their first `count` elements; `vector` is loaded once for all of them.
@inline(__always)
private func dotProducts(_ matrix: UnsafePointer<Double>, rowStride: Int, rows: Int,
                         with vector: UnsafePointer<Double>, count: Int) -> [Double] {
    if rows < 8 { return (0..<rows).map { dotProduct(matrix + $0 * rowStride, vector, count) } }
    func load(_ p: UnsafePointer<Double>, _ k: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + k).loadUnaligned(as: SIMD4<Double>.self)
    }
    let r = (0..<8).map { matrix + $0 * rowStride }
    let (r0, r1, r2, r3, r4, r5, r6, r7) = (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
    var s0 = SIMD4<Double>(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0
    var k = 0
    while k + 4 <= count {
        let x = load(vector, k)
        s0.addProduct(load(r0, k), x); s1.addProduct(load(r1, k), x)
        s2.addProduct(load(r2, k), x); s3.addProduct(load(r3, k), x)
        s4.addProduct(load(r4, k), x); s5.addProduct(load(r5, k), x)
        s6.addProduct(load(r6, k), x); s7.addProduct(load(r7, k), x)
        k += 4
    }
    var sums = [s0.sum(), s1.sum(), s2.sum(), s3.sum(), s4.sum(), s5.sum(), s6.sum(), s7.sum()]
    while k < count {
        for row in 0..<8 { sums[row] += r[row][k] * vector[k] }
        k += 1
    }
    return sums
}

/// X with L·Lᵀ·X = B, for the lower Cholesky factor L (n×n) and B of shape n×k (row-major):
/// forward substitution L·Y = B, then back substitution Lᵀ·X = Y.
func swiftCholeskySolve(_ l: [Double], n: Int, _ b: [Double], columns k: Int) -> [Double] {
    var x = b
    x.withUnsafeMutableBufferPointer { x in
        for i in 0..<n {
            for p in 0..<i { let f = l[i * n + p]; for j in 0..<k { x[i * k + j] -= f * x[p * k + j] } }
            for j in 0..<k { x[i * k + j] /= l[i * n + i] }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for p in (i + 1)..<max(i + 1, n) { let f = l[p * n + i]; for j in 0..<k { x[i * k + j] -= f * x[p * k + j] } }
            for j in 0..<k { x[i * k + j] /= l[i * n + i] }
        }
    }
    return x
}
