// LU factorisation with partial pivoting in Double: the Swift fallback for `sgetrf_`/`sgetrs_`.

import Foundation

/// P·A = L·U of a square row-major matrix (Golub & Van Loan, Algorithm 3.4.1), in Double.
///
/// L is unit lower triangular and U upper triangular, both stored in ``factors``; row `i` of P·A
/// is row ``permutation``[i] of A. A zero pivot marks the matrix singular (the test LAPACK uses).
struct SwiftLU {
    let n: Int
    private(set) var factors: [Double]
    private(set) var permutation: [Int]
    /// +1 or −1: the sign of the permutation (det P).
    private(set) var permutationSign: Double = 1
    private(set) var isSingular = false

    init(_ a: [Float], n: Int) {
        self.n = n
        factors = a.map(Double.init)
        permutation = Array(0..<n)
        factors.withUnsafeMutableBufferPointer { lu in
            for k in 0..<n {
                var pivotRow = k, largest = Swift.abs(lu[k * n + k])
                for i in (k + 1)..<max(k + 1, n) where Swift.abs(lu[i * n + k]) > largest {
                    largest = Swift.abs(lu[i * n + k]); pivotRow = i
                }
                if pivotRow != k {
                    for j in 0..<n { lu.swapAt(k * n + j, pivotRow * n + j) }
                    permutation.swapAt(k, pivotRow)
                    permutationSign = -permutationSign
                }
                let pivot = lu[k * n + k]
                if pivot == 0 { isSingular = true; continue }
                for i in (k + 1)..<max(k + 1, n) {
                    let factor = lu[i * n + k] / pivot
                    lu[i * n + k] = factor
                    if factor == 0 { continue }
                    for j in (k + 1)..<n { lu[i * n + j] -= factor * lu[k * n + j] }
                }
            }
        }
    }

    /// X with A·X = B for B of shape n×k (row-major); requires a non-singular A.
    func solve(_ b: [Float], columns k: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { x[i * k + j] = Double(b[permutation[i] * k + j]) } }
        factors.withUnsafeBufferPointer { lu in
            x.withUnsafeMutableBufferPointer { x in
                for i in 0..<n { for p in 0..<i { let f = lu[i * n + p]; if f != 0 { for j in 0..<k { x[i * k + j] -= f * x[p * k + j] } } } }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for p in (i + 1)..<max(i + 1, n) { let f = lu[i * n + p]; if f != 0 { for j in 0..<k { x[i * k + j] -= f * x[p * k + j] } } }
                    let d = lu[i * n + i]
                    for j in 0..<k { x[i * k + j] /= d }
                }
            }
        }
        return x
    }

    /// (sign, log|det A|) from the diagonal of U and the permutation's sign; (0, −∞) when singular.
    var signAndLogAbsDeterminant: (sign: Double, logAbs: Double) {
        var sign = permutationSign, logAbs = 0.0
        for i in 0..<n {
            let d = factors[i * n + i]
            if d == 0 { return (0, -.infinity) }
            if d < 0 { sign = -sign }
            logAbs += Foundation.log(Swift.abs(d))
        }
        return (sign, logAbs)
    }
}
