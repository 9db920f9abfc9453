// Cholesky factorisation and triangular solves in Double: the Swift fallback for `spotrf_`/`spotrs_`.

/// A = L·Lᵀ of a symmetric positive-definite row-major matrix (Golub & Van Loan, Algorithm 4.2.1),
/// reading the lower triangle only; nil when a pivot is not positive (A is not positive definite).
func swiftCholesky(_ a: [Float], n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    let ok = l.withUnsafeMutableBufferPointer { l -> Bool in
        for j in 0..<n {
            var diagonal = Double(a[j * n + j])
            for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
            guard diagonal > 0, diagonal.isFinite else { return false }
            let root = diagonal.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var sum = Double(a[i * n + j])
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = sum / root
            }
        }
        return true
    }
    return ok ? l : nil
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
