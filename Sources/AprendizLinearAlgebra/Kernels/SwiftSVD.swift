// Singular value decomposition in Double: the Swift fallback for `sgesdd_` (and `dgesdd_`).

import AprendizTensor
import CAprendizSIMD
//
// One-sided Jacobi (Hestenes 1958; Demmel & Veselić 1992): plane rotations applied to pairs of
// columns until every pair is orthogonal to working precision, accurate to high relative precision
// even for tiny singular values. Started from scratch it needs 8–10 sweeps of n²/2 rotations; here
// it starts from G = A·V₀, V₀ the eigenvectors of the Gram matrix AᵀA (formed in Double by the C GEMM
// kernel, decomposed by the fast symmetric eigensolver), whose columns are already orthogonal up to
// rounding: the Jacobi sweeps then only repair what the squared condition number of AᵀA lost
// (pairs involving small σ), usually one sweep with few rotations plus the sweep that confirms
// convergence (the preconditioning of Drmač & Veselić 2008, "New fast and accurate Jacobi SVD
// algorithm", which uses a QR factorisation for the same purpose). The stopping test is
// unchanged, so the result has one-sided Jacobi's accuracy, not the Gram matrix's.

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
    return svdOfTallMatrix(a.map(Double.init), rows: m, columns: n, full: full)
}

/// ``swiftSVD(_:rows:columns:full:)-([Float],_,_,_)`` of a Double matrix.
func swiftSVD(_ a: [Double], rows m: Int, columns n: Int, full: Bool)
    -> (u: [Double], singularValues: [Double], vt: [Double]) {
    if m < n {
        let (u, s, vt) = svdOfTallMatrix(transpose(a, rows: m, columns: n), rows: n, columns: m, full: full)
        return (transpose(vt, rows: full ? m : s.count, columns: m), s, transpose(u, rows: n, columns: full ? n : s.count))
    }
    return svdOfTallMatrix(a, rows: m, columns: n, full: full)
}

/// The SVD for m ≥ n. With m ≥ 2n and thin factors, A = Q·R first (Householder) and the Jacobi
/// sweeps run on the n×n R: U = Q·U_R (Chan 1982), far cheaper when m ≫ n (least squares).
func svdOfTallMatrix(_ a: [Double], rows m: Int, columns n: Int, full: Bool)
    -> (u: [Double], singularValues: [Double], vt: [Double]) {
    if !full && m >= 2 * n {
        let (q, r) = swiftQR(a, rows: m, columns: n)
        let (uR, s, vt) = svdOfTallMatrix(r, rows: n, columns: n, full: false)
        var u = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for p in 0..<n { let f = q[i * n + p]; for j in 0..<n { u[i * n + j] += f * uR[p * n + j] } } }
        return (u, s, vt)
    }
    // Column j of G = A·V and of V are stored as contiguous rows g[j], vRows[j].
    var (g, vRows) = gramPreconditioned(a, rows: m, columns: n)
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

/// The starting point of the Jacobi sweeps: V₀ (as rows: vRows[j] = column j of V₀) from the
/// eigendecomposition AᵀA = V₀·Λ·V₀ᵀ, and the rows of G = A·V₀ (g[j] = (A·v₀ⱼ)ᵀ), both by
/// `aprendiz_dgemm_nt`: AᵀA = Aᵀ·(Aᵀ)ᵀ and Gᵀ = V₀ᵀ·Aᵀ.
private func gramPreconditioned(_ a: [Double], rows m: Int, columns n: Int) -> (g: [Double], vRows: [Double]) {
    let at = transpose(a, rows: m, columns: n)
    var gram = [Double](repeating: 0, count: n * n)
    aprendiz_dgemm_nt(n, n, m, 1, at, m, at, m, &gram, n)
    let (values, rows) = symmetricEigenRows(gram, n: n)
    let order = values.indices.sorted { values[$0] > values[$1] }
    var vRows = [Double](repeating: 0, count: n * n)
    for (target, source) in order.enumerated() { for k in 0..<n { vRows[target * n + k] = rows[source * n + k] } }
    var g = [Double](repeating: 0, count: n * m)
    aprendiz_dgemm_nt(n, m, n, 1, vRows, n, a, n, &g, m)
    return (g, vRows)
}

/// Sweeps of Jacobi rotations over all column pairs (p, q) of G (rows of `g`, length m), applying
/// the same rotations to the rows of `vRows`, until no pair has |gₚ·g_q| > ε·√m·‖gₚ‖·‖g_q‖.
///
/// Each sweep visits the pairs in round-robin ("tournament") order: n − 1 rounds of n/2 disjoint
/// pairs, so the rotations of one round touch different columns and run in parallel on
/// `Parallel`'s pool (the result does not depend on the thread count).
private func orthogonalizeColumns(_ g: inout [Double], _ vRows: inout [Double], m: Int, n: Int) {
    let tolerance = Double.ulpOfOne * Double(m).squareRoot()
    let players = n + n % 2  // an odd n gets a dummy player, whose pairs are skipped
    // A round is ~14·m·n/2 flops; below ~4 Mflop (m·n < 2¹⁹) the pool's barrier per round costs more
    // than it saves (measured on 2 busy cores: 256² ran 2× slower on two threads than on one).
    let parts = m * n < 1 << 19 ? 1 : max(1, min(Parallel.threadCount, players / 2 / 8))
    let rotatedFlags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: parts)
    defer { rotatedFlags.deallocate() }
    // The squared norms ‖gⱼ‖², recomputed for the two columns of every rotation (so never stale):
    // a pair that needs no rotation costs one dot product, not three.
    var squaredNorms = [Double](repeating: 0, count: n)
    g.withUnsafeBufferPointer { g in for j in 0..<n { squaredNorms[j] = dotProduct(g.baseAddress! + j * m, g.baseAddress! + j * m, m) } }
    g.withUnsafeMutableBufferPointer { g in
        vRows.withUnsafeMutableBufferPointer { v in
            squaredNorms.withUnsafeMutableBufferPointer { norms in
                for _ in 0..<60 {
                    var rotated = false
                    var circle = Array(0..<players)
                    for _ in 0..<max(1, players - 1) {
                        let pairs = (0..<(players / 2)).compactMap { i -> (Int, Int)? in
                            let p = min(circle[i], circle[players - 1 - i]), q = max(circle[i], circle[players - 1 - i])
                            return q < n ? (p, q) : nil
                        }
                        rotatedFlags.update(repeating: false)
                        Parallel.forEach(parts) { part in
                            var index = part
                            while index < pairs.count {
                                let (p, q) = pairs[index]
                                if rotatePair(g, v, norms, p, q, m: m, n: n, tolerance: tolerance) { rotatedFlags[part] = true }
                                index += parts
                            }
                        }
                        rotated = rotated || rotatedFlags.contains(true)
                        // Keep player 0 in place and turn the others one seat.
                        if players > 2 { circle.insert(circle.removeLast(), at: 1) }
                    }
                    if !rotated { break }
                }
            }
        }
    }
}

/// One Jacobi rotation making columns p and q of G orthogonal (and the same on V's rows); false
/// when they already are to the tolerance.
@inline(__always)
private func rotatePair(_ g: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>,
                        _ norms: UnsafeMutableBufferPointer<Double>,
                        _ p: Int, _ q: Int, m: Int, n: Int, tolerance: Double) -> Bool {
    let x = g.baseAddress! + p * m, y = g.baseAddress! + q * m
    let alpha = norms[p], beta = norms[q], gamma = dotProduct(x, y, m)
    if gamma == 0 || Swift.abs(gamma) <= tolerance * (alpha * beta).squareRoot() { return false }
    let zeta = (beta - alpha) / (2 * gamma)
    let t = (zeta >= 0 ? 1.0 : -1.0) / (Swift.abs(zeta) + (1 + zeta * zeta).squareRoot())
    let c = 1 / (1 + t * t).squareRoot(), s = c * t
    rotate(g, p * m, q * m, m, c, s)
    rotate(v, p * n, q * n, n, c, s)
    norms[p] = dotProduct(x, x, m)
    norms[q] = dotProduct(y, y, m)
    return true
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

/// The transpose of a row-major rows×columns matrix, in 32×32 tiles so that both the reads and the
/// strided writes stay in cache (a 10 000×100 matrix is transposed for every LAPACK least-squares call).
func transpose<T: BinaryFloatingPoint>(_ a: [T], rows: Int, columns: Int) -> [T] {
    [T](unsafeUninitializedCapacity: rows * columns) { t, count in
        a.withUnsafeBufferPointer { a in
            let tile = 32
            for i0 in stride(from: 0, to: rows, by: tile) {
                for j0 in stride(from: 0, to: columns, by: tile) {
                    for i in i0..<min(i0 + tile, rows) {
                        for j in j0..<min(j0 + tile, columns) { t[j * rows + i] = a[i * columns + j] }
                    }
                }
            }
        }
        count = rows * columns
    }
}
