import AprendizLinearAlgebra
import AprendizTensor

/// The randomized truncated SVD of Halko, Martinsson & Tropp (2011), Algorithms 4.3/4.4, as
/// scikit-learn's `randomized_svd` (used by ``PCA``'s randomized solver).
///
/// ```
/// Ω ~ N(0, 1)^{p × (k + oversamples)}
/// Q ← A·Ω;  repeat q times:  Q ← normalise(Aᵀ·normalise(Q)),  Q ← A·Q   (power iterations)
/// Q ← orth(Q);  B = Qᵀ·A = Û·Σ·Vᵀ;  U = Q·Û;  keep the first k
/// ```
/// The normaliser between products is scikit-learn's "auto": none for q ≤ 2, else the unit-lower
/// factor of a partially pivoted LU (`scipy.linalg.lu(permute_l=True)`). A wide matrix is decomposed
/// through its transpose. The Gaussian draws are our own generator's, so the result equals scikit-
/// learn's only up to the approximation error of the method.
struct RandomizedSVD {
    let components: Int
    let oversamples: Int
    /// nil: 7 when k < 0.1·min(n, p), else 4 (scikit-learn's "auto").
    let powerIterations: Int?

    func decompose(_ a: DenseMatrix, using generator: inout RandomGenerator) -> (u: [Double], singularValues: [Double], vt: [Double]) {
        if a.rows < a.columns {
            let (u, s, vt) = decompose(a.transposed(), using: &generator)
            let k = s.count
            return (DoubleDecomposition.transposed(vt, rows: k, columns: a.rows), s,
                    DoubleDecomposition.transposed(u, rows: a.columns, columns: k))
        }
        let (m, n) = (a.rows, a.columns)
        let k = components, size = min(k + oversamples, n)
        let iterations = powerIterations ?? (Double(k) < 0.1 * Double(min(m, n)) ? 7 : 4)
        var omega = (0..<(n * size)).map { _ in generator.nextNormal() }
        var q = a.times(omega, k: size)
        for _ in 0..<iterations {
            if iterations > 2 { q = Self.luFactor(q, rows: m, columns: size) }
            omega = a.transposeTimes(q, k: size)
            if iterations > 2 { omega = Self.luFactor(omega, rows: n, columns: size) }
            q = a.times(omega, k: size)
        }
        q = Self.orthonormalised(q, rows: m, columns: size)
        let b = a.transposeTimes(q, k: size)  // Aᵀ·Q = Bᵀ, p × size
        let (bu, s, bvt) = DoubleDecomposition.svd(DoubleDecomposition.transposed(b, rows: n, columns: size), rows: size, columns: n)
        let u = DenseMatrix(rows: m, columns: size, values: q).times(bu, k: size)
        var uk = [Double](repeating: 0, count: m * k)
        for i in 0..<m { for j in 0..<k { uk[i * k + j] = u[i * size + j] } }
        return (uk, Array(s[0..<k]), Array(bvt[0..<(k * n)]))
    }

    /// P·L of A = P·L·U with partial pivoting (A is m × c, m ≥ c): unit lower-trapezoidal L, rows
    /// back in A's order.
    static func luFactor(_ a: [Double], rows m: Int, columns c: Int) -> [Double] {
        var work = a, order = Array(0..<m)
        for j in 0..<min(m, c) {
            var pivot = j
            for i in (j + 1)..<m where abs(work[i * c + j]) > abs(work[pivot * c + j]) { pivot = i }
            if pivot != j {
                for col in 0..<c { work.swapAt(j * c + col, pivot * c + col) }
                order.swapAt(j, pivot)
            }
            let d = work[j * c + j]
            guard d != 0 else { continue }
            for i in (j + 1)..<m {
                let factor = work[i * c + j] / d
                work[i * c + j] = factor
                if factor != 0 { for col in (j + 1)..<c { work[i * c + col] -= factor * work[j * c + col] } }
            }
        }
        var l = [Double](repeating: 0, count: m * c)
        for i in 0..<m {
            for col in 0..<c { l[order[i] * c + col] = col < i ? work[i * c + col] : (col == i ? 1 : 0) }
        }
        return l
    }

    /// An orthonormal basis of the columns of A (m × c): Gram–Schmidt applied twice ("twice is enough").
    static func orthonormalised(_ a: [Double], rows m: Int, columns c: Int) -> [Double] {
        var columns = (0..<c).map { j in (0..<m).map { a[$0 * c + j] } }
        for j in 0..<c {
            for _ in 0..<2 {
                for previous in 0..<j {
                    var dot = 0.0
                    for i in 0..<m { dot += columns[previous][i] * columns[j][i] }
                    for i in 0..<m { columns[j][i] -= dot * columns[previous][i] }
                }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for i in 0..<m { columns[j][i] /= norm } }
        }
        var out = [Double](repeating: 0, count: m * c)
        for i in 0..<m { for j in 0..<c { out[i * c + j] = columns[j][i] } }
        return out
    }
}
