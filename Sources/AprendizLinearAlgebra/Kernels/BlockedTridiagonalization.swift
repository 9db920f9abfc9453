// Blocked Householder tridiagonalisation of a symmetric matrix and the blocked back-transformation of
// the tridiagonal matrix's eigenvectors: LAPACK's dsytrd with UPLO = 'L' (panels by dlatrd) and
// dormtr (compact WY blocks by dlarft/dlarfb), Dongarra, Hammarling & Sorensen, "Block reduction of
// matrices to condensed forms for eigenvalue computations", J. Comput. Appl. Math. 27, 1989.
//
// Reduction: Qᵀ·A·Q = T with Q = H₀·H₁·…·H_{n−2}, Hᵢ = I − τᵢ·vᵢ·vᵢᵀ annihilating column i below
// the subdiagonal (vᵢ zero above row i + 1, vᵢ[i + 1] = 1). For one reflector, with v and τ from
// column i of the current trailing matrix A₂₂,
//     p = τ·A₂₂·v,   w = p − (τ/2)(pᵀv)·v,   A₂₂ ← A₂₂ − v·wᵀ − w·vᵀ.
// dlatrd defers the rank-2 updates of a panel of nb columns: the trailing matrix is A − V·Wᵀ − W·Vᵀ,
// so column i is updated only when it is reached and p = τ·(A₂₂·v − V·(Wᵀv) − W·(Vᵀv)) reads the
// not-yet-updated A₂₂ (lower triangle, once); after the panel, A ← A − [V W]·[W V]ᵀ on the lower
// triangle is one GEMM (`aprendiz_dgemm_nt`) per strip of rows.
// Back-transformation: the eigenvectors of A are Q·Z for those Z of T. nb consecutive reflectors are
// I − Y·S·Yᵀ (dlarft, forward: S upper triangular, S[0..<j, j] = −τⱼ·S[0..<j, 0..<j]·Yᵀyⱼ); with
// the eigenvectors as rows, R = (Q·Z)ᵀ = Zᵀ·Bₗᵀ·…·B₀ᵀ, each block R ← R − (R·Y)·Sᵀ·Yᵀ two GEMMs.

import CAprendizSIMD

/// Reflectors per panel and per compact-WY block.
private let panelWidth = 32

/// The tridiagonal T = Qᵀ·A·Q of a symmetric matrix and the Householder reflectors of Q.
struct HouseholderTridiagonal {
    let n: Int
    /// T's diagonal (n) and off-diagonal (n − 1: element i couples rows i and i + 1).
    var diagonal: [Double], offDiagonal: [Double]
    /// Row-major n×n: row i from column i + 1 on holds vᵢ (vᵢ[i + 1] = 1); the rest is scratch.
    var reflectors: [Double]
    /// τᵢ (n − 1).
    var tau: [Double]

    /// dsytrd ('L') of the symmetric row-major n×n `a` (its lower triangle is read).
    init(_ a: [Double], n: Int) {
        (self.n, self.diagonal, self.offDiagonal, self.reflectors, self.tau) = (n, [], [], [], [])
        var diagonal = [Double](repeating: 0, count: n), reflectors = a
        var offDiagonal = [Double](repeating: 0, count: max(0, n - 1)), tau = offDiagonal
        defer {
            (self.diagonal, self.offDiagonal, self.reflectors, self.tau) = (diagonal, offDiagonal, reflectors, tau)
        }
        guard n > 1 else { if n == 1 { diagonal[0] = a[0] }; return }
        let width = panelWidth
        var panel = [Double](repeating: 0, count: n * 2 * width)    // row k: V[k, 0..<nb], W[k, 0..<nb]
        var swapped = [Double](repeating: 0, count: n * 2 * width)  // row k: W[k, ·], V[k, ·]
        var column = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        var wv = [Double](repeating: 0, count: width), vv = [Double](repeating: 0, count: width)
        reflectors.withUnsafeMutableBufferPointer { ab in
            let a = ab.baseAddress!
            var j0 = 0
            while j0 < n - 1 {
                let nb = min(width, n - 1 - j0)
                panel.withUnsafeMutableBufferPointer { pb in
                    let p = pb.baseAddress!, ld = 2 * width
                    for k in j0..<n { for c in 0..<ld { p[k * ld + c] = 0 } }
                    for c in 0..<nb {
                        let i = j0 + c
                        // Column i of the trailing matrix: A[i..<n, i] − V·W[i, ·]ᵀ − W·V[i, ·]ᵀ.
                        for k in i..<n {
                            var value = a[k * n + i]
                            for t in 0..<c { value -= p[k * ld + t] * p[i * ld + width + t] + p[k * ld + width + t] * p[i * ld + t] }
                            column[k] = value
                        }
                        diagonal[i] = column[i]
                        // dlarfg: H·x = β·e₀ for x = column[i + 1..<n].
                        let alpha = column[i + 1]
                        var norm2 = 0.0
                        for k in (i + 2)..<max(i + 2, n) { norm2 += column[k] * column[k] }
                        let v = a + i * n  // vᵢ lives in row i, columns i + 1..<n
                        if norm2 == 0 {
                            tau[i] = 0; offDiagonal[i] = alpha
                            v[i + 1] = 1
                            for k in (i + 2)..<max(i + 2, n) { v[k] = 0 }
                            continue
                        }
                        let beta = alpha >= 0 ? -(alpha * alpha + norm2).squareRoot() : (alpha * alpha + norm2).squareRoot()
                        tau[i] = (beta - alpha) / beta
                        offDiagonal[i] = beta
                        let scale = 1 / (alpha - beta)
                        v[i + 1] = 1
                        for k in (i + 2)..<n { v[k] = column[k] * scale }
                        // y = A₂₂·v on the lower triangle of rows i + 1..<n (each row read once).
                        let first = i + 1
                        for k in first..<n { y[k] = 0 }
                        y.withUnsafeMutableBufferPointer { yb in
                            let yp = yb.baseAddress!
                            for k in first..<n {
                                let row = a + k * n
                                let count = k - first
                                var sum = row[k] * v[k]
                                if count > 0 {
                                    sum += dotProduct(row + first, v + first, count)
                                    let vk = v[k]
                                    for t in first..<k { yp[t] += vk * row[t] }
                                }
                                yp[k] += sum
                            }
                        }
                        // y −= V·(Wᵀv) + W·(Vᵀv), then w = τ·y − (τ/2)(τ·yᵀv)·v.
                        if c > 0 {
                            for t in 0..<c { wv[t] = 0; vv[t] = 0 }
                            for k in first..<n {
                                for t in 0..<c { wv[t] += p[k * ld + width + t] * v[k]; vv[t] += p[k * ld + t] * v[k] }
                            }
                            for k in first..<n {
                                var s = 0.0
                                for t in 0..<c { s += p[k * ld + t] * wv[t] + p[k * ld + width + t] * vv[t] }
                                y[k] -= s
                            }
                        }
                        var dot = 0.0
                        for k in first..<n { y[k] *= tau[i]; dot += y[k] * v[k] }
                        let correction = -0.5 * tau[i] * dot
                        for k in first..<n {
                            p[k * ld + c] = v[k]
                            p[k * ld + width + c] = y[k] + correction * v[k]
                        }
                    }
                    // A[j1..<n, j1..<n] (lower triangle) −= [V W]·[W V]ᵀ, strip by strip of rows.
                    let j1 = j0 + nb
                    guard j1 < n else { return }
                    swapped.withUnsafeMutableBufferPointer { sb in
                        let s = sb.baseAddress!
                        for k in j1..<n {
                            for t in 0..<width { s[k * ld + t] = p[k * ld + width + t]; s[k * ld + width + t] = p[k * ld + t] }
                        }
                        let strip = 128
                        var r0 = j1
                        while r0 < n {
                            let height = min(strip, n - r0)
                            aprendiz_dgemm_nt(height, r0 + height - j1, ld, -1, p + r0 * ld, ld, s + j1 * ld, ld, a + r0 * n + j1, n)
                            r0 += height
                        }
                    }
                }
                j0 += nb
            }
            diagonal[n - 1] = a[(n - 1) * n + (n - 1)]
        }
    }

    /// dormtr: the rows of `rows` (row-major n×n, row j = eigenvector j of T) ← the eigenvectors of A,
    /// i.e. R ← R·Qᵀ = (Q·Rᵀ)ᵀ.
    func transformRows(_ rows: inout [Double]) {
        // Blocks of reflectors from the last to the first: R·Qᵀ = R·B_Lᵀ·…·B₀ᵀ.
        var starts = Array(stride(from: 0, to: n - 1, by: panelWidth))
        starts.reverse()
        for j0 in starts { applyBlock(&rows, first: j0, count: min(panelWidth, n - 1 - j0)) }
    }

    /// R ← R·(I − Y·S·Yᵀ)ᵀ for reflectors first..<first + count (dlarft + dlarfb, from the right).
    private func applyBlock(_ rows: inout [Double], first j0: Int, count b: Int) {
        let m = n - 1 - j0  // reflector entries j0 + 1..<n
        // Yᵀ as rows (b × m), zero above each reflector's leading 1.
        var yRows = [Double](repeating: 0, count: b * m)
        for c in 0..<b {
            let i = j0 + c
            for k in (i + 1)..<n { yRows[c * m + (k - j0 - 1)] = reflectors[i * n + k] }
        }
        // S upper triangular (dlarft, forward, columnwise).
        var s = [Double](repeating: 0, count: b * b)
        for c in 0..<b {
            let t = tau[j0 + c]
            s[c * b + c] = t
            guard c > 0, t != 0 else { continue }
            var g = [Double](repeating: 0, count: c)
            yRows.withUnsafeBufferPointer { yb in
                for r in 0..<c { g[r] = dotProduct(yb.baseAddress! + r * m, yb.baseAddress! + c * m, m) }
            }
            for r in 0..<c {
                var sum = 0.0
                for q in r..<c { sum += s[r * b + q] * g[q] }
                s[r * b + c] = -t * sum
            }
        }
        let y = transpose(yRows, rows: b, columns: m)
        var w = [Double](repeating: 0, count: n * b)
        rows.withUnsafeMutableBufferPointer { rb in
            let r = rb.baseAddress! + (j0 + 1)
            aprendiz_dgemm_nt(n, b, m, 1, r, n, yRows, m, &w, b)  // W = R·Y
            var ws = [Double](repeating: 0, count: n * b)              // W·Sᵀ
            for row in 0..<n {
                for c in 0..<b {
                    var sum = 0.0
                    for q in c..<b { sum += w[row * b + q] * s[c * b + q] }
                    ws[row * b + c] = sum
                }
            }
            aprendiz_dgemm_nt(n, m, b, -1, ws, b, y, b, r, n)          // R −= W·Sᵀ·Yᵀ
        }
    }
}
