// Singular value decomposition in Double: the Swift fallback for `sgesdd_`.
//
// One-sided Jacobi (Hestenes 1958; Demmel & Veselić 1992): plane rotations applied to pairs of
// columns until every pair is orthogonal to working precision. Slower than bidiagonalisation, but
// simple and accurate to high relative precision even for tiny singular values.

/// A = U·diag(σ)·Vᵀ for a row-major m×n matrix, σ descending, k = min(m, n).
/// `full`: U is m×m and Vᵀ n×n (the extra columns complete the orthonormal bases); otherwise U is
/// m×k and Vᵀ k×n. All row-major.
func swiftSVD(_ a: [Float], rows m: Int, columns n: Int, full: Bool)
    -> (u: [Double], singularValues: [Double], vt: [Double]) {
    if m < n {
        // Aᵀ = V·Σ·Uᵀ: decompose the transpose and swap the factors.
        var t = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { t[j * m + i] = a[i * n + j] } }
        let (u, s, vt) = swiftSVD(t, rows: n, columns: m, full: full)
        return (transpose(vt, rows: full ? m : s.count, columns: m), s, transpose(u, rows: n, columns: full ? n : s.count))
    }
    // m ≥ n. Column j of A and of V are stored as contiguous rows g[j], vRows[j].
    var g = [Double](repeating: 0, count: n * m), vRows = [Double](repeating: 0, count: n * n)
    for i in 0..<m { for j in 0..<n { g[j * m + i] = Double(a[i * n + j]) } }
    for j in 0..<n { vRows[j * n + j] = 1 }
    orthogonalizeColumns(&g, &vRows, m: m, n: n)
    var norms = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + g[j * m + $1] * g[j * m + $1] }.squareRoot() }
    let order = norms.indices.sorted { norms[$0] > norms[$1] }
    norms = order.map { norms[$0] }
    // U's columns: the rotated columns of A, normalised; zero ones are filled in by completion.
    var uColumns: [[Double]] = []
    for (rank, j) in order.enumerated() where norms[rank] > 0 {
        uColumns.append((0..<m).map { g[j * m + $0] / norms[rank] })
    }
    completeOrthonormalBasis(&uColumns, dimension: m, count: full ? m : n)
    let uWidth = uColumns.count
    var u = [Double](repeating: 0, count: m * uWidth)
    for (c, column) in uColumns.enumerated() { for i in 0..<m { u[i * uWidth + c] = column[i] } }
    var vt = [Double](repeating: 0, count: n * n)
    for (r, j) in order.enumerated() { for c in 0..<n { vt[r * n + c] = vRows[j * n + c] } }
    return (u, norms, vt)
}

/// Cyclic sweeps of Jacobi rotations over all column pairs (p, q) of G (rows of `g`, length m),
/// applying the same rotations to the rows of `vRows`, until no pair has |gₚ·g_q| > ε·‖gₚ‖·‖g_q‖.
private func orthogonalizeColumns(_ g: inout [Double], _ vRows: inout [Double], m: Int, n: Int) {
    let tolerance = Double.ulpOfOne * Double(m).squareRoot()
    g.withUnsafeMutableBufferPointer { g in
        vRows.withUnsafeMutableBufferPointer { v in
            for _ in 0..<60 {
                var rotated = false
                for p in 0..<n {
                    for q in (p + 1)..<max(p + 1, n) {
                        var alpha = 0.0, beta = 0.0, gamma = 0.0
                        for i in 0..<m {
                            let x = g[p * m + i], y = g[q * m + i]
                            alpha += x * x; beta += y * y; gamma += x * y
                        }
                        if gamma == 0 || Swift.abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }
                        rotated = true
                        let zeta = (beta - alpha) / (2 * gamma)
                        let t = (zeta >= 0 ? 1.0 : -1.0) / (Swift.abs(zeta) + (1 + zeta * zeta).squareRoot())
                        let c = 1 / (1 + t * t).squareRoot(), s = c * t
                        rotate(g, p * m, q * m, m, c, s)
                        rotate(v, p * n, q * n, n, c, s)
                    }
                }
                if !rotated { break }
            }
        }
    }
}

/// (x, y) ← (c·x − s·y, s·x + c·y) for the rows starting at `x` and `y`.
@inline(__always)
private func rotate(_ b: UnsafeMutableBufferPointer<Double>, _ x: Int, _ y: Int, _ length: Int, _ c: Double, _ s: Double) {
    for i in 0..<length {
        let xi = b[x + i], yi = b[y + i]
        b[x + i] = c * xi - s * yi
        b[y + i] = s * xi + c * yi
    }
}

/// Appends orthonormal vectors to `columns` until there are `count`: each time the standard basis
/// vector eᵢ that sticks out most of the current span (largest 1 − Σ_q qᵢ², at least
/// (dimension − columns)/dimension, so never tiny), orthogonalised twice (modified Gram–Schmidt).
func completeOrthonormalBasis(_ columns: inout [[Double]], dimension: Int, count: Int) {
    while columns.count < count {
        var outside = [Double](repeating: 1, count: dimension)
        for q in columns { for i in 0..<dimension { outside[i] -= q[i] * q[i] } }
        let candidate = outside.indices.max { outside[$0] < outside[$1] }!
        var x = [Double](repeating: 0, count: dimension)
        x[candidate] = 1
        for _ in 0..<2 {
            for q in columns {
                var dot = 0.0
                for i in 0..<dimension { dot += q[i] * x[i] }
                for i in 0..<dimension { x[i] -= dot * q[i] }
            }
        }
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        columns.append(x.map { $0 / norm })
    }
}

/// The transpose of a row-major rows×columns matrix.
func transpose<T: Numeric>(_ a: [T], rows: Int, columns: Int) -> [T] {
    var t = [T](repeating: 0, count: rows * columns)
    for i in 0..<rows { for j in 0..<columns { t[j * rows + i] = a[i * columns + j] } }
    return t
}
