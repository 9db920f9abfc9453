// The symmetric tridiagonal eigenproblem by divide and conquer (Cuppen 1981), the way LAPACK's dstedc
// runs it (dlaed0: recursion; dlaed1/dlaed2: rank-one tearing and deflation; dlaed3/dlaed4: the
// secular equation and the eigenvectors of the rank-one update, with Gu & Eisenstat's ẑ, "A
// divide-and-conquer algorithm for the symmetric tridiagonal eigenproblem", SIAM J. Matrix Anal. Appl.
// 16, 1995). Below `divideAndConquerCutoff` rows a block is solved by implicit QL (tql2).
//
// Tearing: with ρ = e_{m−1} (the coupling of rows m−1 and m),
//     T = diag(T₁ − |ρ|·e_{m−1}e_{m−1}ᵀ, T₂ − |ρ|·e₀e₀ᵀ) + |ρ|·u·uᵀ,   u = e_{m−1} + sign(ρ)·e_m,
// and with Tᵢ = Qᵢ·Dᵢ·Qᵢᵀ solved recursively, T = Q·(D + ρ'·z·zᵀ)·Qᵀ, Q = diag(Q₁, Q₂),
// z = Qᵀu/√2 (unit length), ρ' = 2|ρ|. The eigenvalues λⱼ of D + ρ'·z·zᵀ are the roots of the secular
// equation f(λ) = 1/ρ' + Σᵢ zᵢ²/(dᵢ − λ) = 0, one in each (dⱼ, dⱼ₊₁) and the last in (d_K, d_K + ρ'‖z‖²).
// Deflation first removes the components with ρ'|zᵢ| ≤ tol (dᵢ is then an eigenvalue, its column of Q
// an eigenvector) and, for two poles closer than tol/|c·s|, rotates one z component to zero by a Givens
// rotation of the two columns (tol = 8ε·max(|d|, |z|), dlaed2's).
// Eigenvectors: ẑᵢ² = Πⱼ(λⱼ − dᵢ) / Πⱼ≠ᵢ(dⱼ − dᵢ) (up to the factor ρ', which normalisation removes)
// makes λ the exact eigenvalues of D + ρ'·ẑẑᵀ, so vⱼ ∝ (ẑᵢ/(dᵢ − λⱼ))ᵢ are orthogonal to working
// precision; the dᵢ − λⱼ come from the root finder relative to the nearer pole, never by subtraction.
// The merged eigenvectors Q·V are two GEMMs (`aprendiz_dgemm_nt`) on the columns of Q₁ only, of Q₂
// only, and those mixed by a deflating rotation (dlaed3's column types).

import CAprendizSIMD
import Foundation

/// Blocks of at most this many rows are solved by implicit QL (LAPACK's SMLSIZ is 25).
let divideAndConquerCutoff = 25

/// Eigenvalues (ascending) and eigenvectors of the symmetric tridiagonal matrix with diagonal
/// `diagonal` (n) and off-diagonal `offDiagonal` (n − 1; element i couples rows i and i + 1):
/// `vectors` is row-major n×n with eigenvector j as column j.
func tridiagonalEigenDivideAndConquer(diagonal: [Double], offDiagonal: [Double]) -> (values: [Double], vectors: [Double]) {
    let n = diagonal.count
    guard n > 0 else { return ([], []) }
    // dstedc scales by the largest element so that the tolerances and the secular equation stay in range.
    let scale = max(diagonal.map(Swift.abs).max() ?? 0, offDiagonal.map(Swift.abs).max() ?? 0)
    var q = [Double](repeating: 0, count: n * n)
    guard scale > 0, scale.isFinite else {
        for i in 0..<n { q[i * n + i] = 1 }
        return (diagonal, q)
    }
    var d = diagonal.map { $0 / scale }, e = offDiagonal.map { $0 / scale }
    d.withUnsafeMutableBufferPointer { d in
        e.withUnsafeMutableBufferPointer { e in
            q.withUnsafeMutableBufferPointer { q in
                DivideAndConquer(n: n, d: d.baseAddress!, e: e.baseAddress!, q: q.baseAddress!).solve(first: 0, size: n)
            }
        }
    }
    return (d.map { $0 * scale }, q)
}

/// The recursion of dlaed0 on one n×n problem: block [first, first + size) of `d` (diagonal, then
/// eigenvalues), `e` (off-diagonal) and `q` (row-major n×n, the block's eigenvectors as its columns;
/// zero outside the diagonal blocks solved so far).
private struct DivideAndConquer {
    let n: Int
    let d: UnsafeMutablePointer<Double>
    let e: UnsafeMutablePointer<Double>
    let q: UnsafeMutablePointer<Double>

    func solve(first: Int, size: Int) {
        if size <= divideAndConquerCutoff { solveByQL(first: first, size: size); return }
        let m = size / 2
        let rho = e[first + m - 1]
        d[first + m - 1] -= Swift.abs(rho)
        d[first + m] -= Swift.abs(rho)
        solve(first: first, size: m)
        solve(first: first + m, size: size - m)
        merge(first: first, size: size, split: m, rho: rho)
    }

    /// A small block by implicit QL from the identity, eigenvalues sorted ascending.
    private func solveByQL(first: Int, size: Int) {
        var w = [Double](repeating: 0, count: size * size)
        for i in 0..<size { w[i * size + i] = 1 }
        var dd = (0..<size).map { d[first + $0] }
        var ee = (0..<size).map { $0 == 0 ? 0 : e[first + $0 - 1] }
        if size > 1 { diagonalizeTridiagonal(&w, &dd, &ee, size) }
        let order = dd.indices.sorted { dd[$0] < dd[$1] }
        for (column, source) in order.enumerated() {
            d[first + column] = dd[source]
            for row in 0..<size { q[(first + row) * n + first + column] = w[source * size + row] }
        }
    }

    /// dlaed1–dlaed3: the eigendecomposition of diag(D₁, D₂) + ρ'·z·zᵀ and the product with Q.
    private func merge(first: Int, size: Int, split m: Int, rho: Double) {
        let block = q + first * n + first
        let values = d + first
        // z = Qᵀu/√2 in the merged (ascending) order of the two halves' eigenvalues.
        var order = [Int](), i = 0, j = m
        order.reserveCapacity(size)
        while i < m || j < size {
            if j == size || (i < m && values[i] <= values[j]) { order.append(i); i += 1 } else { order.append(j); j += 1 }
        }
        let sign: Double = rho < 0 ? -1 : 1, root2 = 2.0.squareRoot()
        var z = order.map { $0 < m ? block[(m - 1) * n + $0] / root2 : sign * block[m * n + $0] / root2 }
        var poles = order.map { values[$0] }
        let rhoPrime = 2 * Swift.abs(rho)
        // The columns of Q in that order (size×size, row-major); 1: from Q₁, 3: from Q₂, 2: mixed.
        var columns = [Double](repeating: 0, count: size * size)
        for row in 0..<size {
            for (c, source) in order.enumerated() { columns[row * size + c] = block[row * n + source] }
        }
        var kind = order.map { $0 < m ? 1 : 3 }

        // dlaed2: deflation.
        let tolerance = 8 * Double.ulpOfOne * max(poles.map(Swift.abs).max()!, z.map(Swift.abs).max()!)
        var kept: [Int] = [], deflated: [Int] = []
        var previous: Int? = nil
        if rhoPrime * z.map(Swift.abs).max()! <= tolerance {
            deflated = Array(0..<size)
        } else {
            for j in 0..<size {
                if rhoPrime * Swift.abs(z[j]) <= tolerance { deflated.append(j); continue }
                guard let p = previous else { previous = j; continue }
                let tau = hypot(z[p], z[j])
                let c = z[j] / tau, s = -z[p] / tau
                let t = poles[j] - poles[p]
                if Swift.abs(t * c * s) <= tolerance {
                    // Rotate z_p into z_j; column p is then an eigenvector for the rotated pole.
                    z[j] = tau; z[p] = 0
                    for row in 0..<size {
                        let x = columns[row * size + p], y = columns[row * size + j]
                        columns[row * size + p] = c * x + s * y
                        columns[row * size + j] = c * y - s * x
                    }
                    if kind[p] != kind[j] { kind[j] = 2 }
                    let dp = poles[p] * c * c + poles[j] * s * s
                    poles[j] = poles[p] * s * s + poles[j] * c * c
                    poles[p] = dp
                    deflated.append(p)
                } else {
                    kept.append(p)
                }
                previous = j
            }
            if let p = previous { kept.append(p) }
        }

        // dlaed3/dlaed4: the K non-deflated roots and their eigenvectors in the basis of the kept columns.
        let k = kept.count
        var newValues = [Double](repeating: 0, count: k)
        var vectors = [Double](repeating: 0, count: k * k)  // row j: eigenvector j over the kept columns
        if k > 0 {
            let keptPoles = kept.map { poles[$0] }, keptZ = kept.map { z[$0] }
            var delta = [Double](repeating: 0, count: k * k)  // row j: dᵢ − λⱼ
            keptPoles.withUnsafeBufferPointer { p in
                keptZ.withUnsafeBufferPointer { w in
                    delta.withUnsafeMutableBufferPointer { delta in
                        for j in 0..<k {
                            newValues[j] = secularRoot(j, poles: p.baseAddress!, z: w.baseAddress!, count: k, rho: rhoPrime,
                                                       delta: delta.baseAddress! + j * k)
                        }
                    }
                }
            }
            // Gu–Eisenstat: ẑᵢ from the computed roots, then vⱼ = (ẑᵢ/(dᵢ − λⱼ))ᵢ normalised.
            var zHat = [Double](repeating: 0, count: k)
            for i in 0..<k {
                var product = delta[i * k + i]
                for j in 0..<k where j != i { product *= delta[j * k + i] / (keptPoles[i] - keptPoles[j]) }
                zHat[i] = (-product).squareRoot()
                if keptZ[i] < 0 { zHat[i] = -zHat[i] }
            }
            for j in 0..<k {
                var norm = 0.0
                for i in 0..<k { let v = zHat[i] / delta[j * k + i]; vectors[j * k + i] = v; norm += v * v }
                let inverse = 1 / norm.squareRoot()
                for i in 0..<k { vectors[j * k + i] *= inverse }
            }
        }

        // Q·V: rows [0, m) use the kept columns of kinds 1 and 2, rows [m, size) those of kinds 2 and 3.
        var product = [Double](repeating: 0, count: size * k)
        if k > 0 {
            multiplyKept(columns: columns, size: size, rows: 0..<m, kept: kept.indices.filter { kind[kept[$0]] != 3 },
                         keptColumns: kept, vectors: vectors, k: k, into: &product)
            multiplyKept(columns: columns, size: size, rows: m..<size, kept: kept.indices.filter { kind[kept[$0]] != 1 },
                         keptColumns: kept, vectors: vectors, k: k, into: &product)
        }

        // Every eigenvalue with its vector, ascending, back into the block.
        let all = (0..<k).map { (newValues[$0], $0, true) } + deflated.map { (poles[$0], $0, false) }
        let sorted = all.sorted { $0.0 < $1.0 }
        for (c, entry) in sorted.enumerated() { values[c] = entry.0 }
        // Row by row (the block's rows are contiguous): each column from the product or from the deflated ones.
        let fromProduct = sorted.map { $0.2 }, source = sorted.map { $0.1 }
        for row in 0..<size {
            let out = block + row * n
            for c in 0..<size {
                out[c] = fromProduct[c] ? product[row * k + source[c]] : columns[row * size + source[c]]
            }
        }
    }

    /// product[rows, :] = columns[rows, kept[use]] · vectors[:, use]ᵀ, gathered into contiguous panels
    /// for the GEMM kernel.
    private func multiplyKept(columns: [Double], size: Int, rows: Range<Int>, kept use: [Int], keptColumns: [Int],
                              vectors: [Double], k: Int, into product: inout [Double]) {
        let width = use.count, height = rows.count
        guard width > 0, height > 0 else { return }
        var a = [Double](repeating: 0, count: height * width)
        for (r, row) in rows.enumerated() {
            for (c, index) in use.enumerated() { a[r * width + c] = columns[row * size + keptColumns[index]] }
        }
        var b = [Double](repeating: 0, count: k * width)
        for j in 0..<k { for (c, index) in use.enumerated() { b[j * width + c] = vectors[j * k + index] } }
        product.withUnsafeMutableBufferPointer { out in
            aprendiz_dgemm_nt(height, k, width, 1, a, width, b, width, out.baseAddress! + rows.lowerBound * k, k)
        }
    }
}

/// dlaed4: root j (0-based) of the secular equation 1/ρ + Σᵢ zᵢ²/(dᵢ − λ) = 0 for strictly increasing
/// poles d and nonzero z, with `delta[i]` ← dᵢ − λⱼ. λⱼ = d_o + τ with the origin d_o the nearer pole,
/// so that the dᵢ − λⱼ are exact differences (dᵢ − d_o) − τ; τ is found by Li's fixed-weight
/// rational iteration ("Solving secular equations stably and efficiently", LAPACK Working Note 89,
/// 1994) inside a bracket that every step shrinks, with bisection as the safeguard.
func secularRoot(_ j: Int, poles d: UnsafePointer<Double>, z: UnsafePointer<Double>, count k: Int, rho: Double,
                 delta: UnsafeMutablePointer<Double>) -> Double {
    let rhoInverse = 1 / rho
    if k == 1 {
        delta[0] = -rho * z[0] * z[0]
        return d[0] + rho * z[0] * z[0]
    }
    let last = j == k - 1
    // The two poles the rational model keeps explicitly: (j, j + 1), or (k − 2, k − 1) for the last root.
    let i = last ? k - 2 : j, ip1 = i + 1
    var origin: Int, lower: Double, upper: Double, tau: Double
    if last {
        var norm2 = 0.0
        for t in 0..<k { norm2 += z[t] * z[t] }
        origin = k - 1; lower = 0; upper = rho * norm2
        tau = upper / 2
    } else {
        let gap = d[ip1] - d[i], midpoint = gap / 2
        // f at the midpoint, the two poles' terms apart (dlaed4's initial guess).
        var rest = rhoInverse
        for t in 0..<k where t != i && t != ip1 { rest += z[t] * z[t] / ((d[t] - d[i]) - midpoint) }
        let zi2 = z[i] * z[i], zip2 = z[ip1] * z[ip1]
        let w = rest + zi2 / -midpoint + zip2 / (gap - midpoint)
        if w > 0 {
            origin = i; lower = 0; upper = midpoint
            let a = rest * gap + zi2 + zip2, b = zi2 * gap
            let root = Swift.abs(a * a - 4 * b * rest).squareRoot()
            tau = a > 0 ? 2 * b / (a + root) : (a - root) / (2 * rest)
        } else {
            origin = ip1; lower = -midpoint; upper = 0
            let a = rest * gap - zi2 - zip2, b = zip2 * gap
            let root = Swift.abs(a * a + 4 * b * rest).squareRoot()
            tau = a < 0 ? 2 * b / (a - root) : -(a + root) / (2 * rest)
        }
        if !(tau > lower && tau < upper) { tau = (lower + upper) / 2 }
    }
    let base = d[origin]
    for iteration in 0..<200 {
        var psi = 0.0, dpsi = 0.0, phi = 0.0, dphi = 0.0
        for t in 0..<k {
            let dt = (d[t] - base) - tau
            delta[t] = dt
            let q = z[t] / dt
            if t <= i { psi += z[t] * q; dpsi += q * q } else { phi += z[t] * q; dphi += q * q }
        }
        let w = rhoInverse + psi + phi, dw = dpsi + dphi
        let bound = 8 * (Swift.abs(phi) + Swift.abs(psi)) + 2 * rhoInverse + 3 * Swift.abs(w) + Swift.abs(tau) * dw
        if Swift.abs(w) <= Double.ulpOfOne * bound { break }
        if w <= 0 { lower = max(lower, tau) } else { upper = min(upper, tau) }
        if upper - lower <= 2 * Double.ulpOfOne * max(Swift.abs(lower), Swift.abs(upper)) { break }
        let di = delta[i], dip1 = delta[ip1]
        var eta: Double
        if last {
            var c = w - di * dpsi - dip1 * dphi
            let a = (di + dip1) * w - di * dip1 * dw, b = di * dip1 * w
            if c < 0 { c = Swift.abs(c) }
            let root = Swift.abs(a * a - 4 * b * c).squareRoot()
            if c == 0 { eta = upper - tau } else { eta = a >= 0 ? (a + root) / (2 * c) : 2 * b / (a - root) }
        } else {
            let c = origin == i ? w - dip1 * dw - (d[i] - d[ip1]) * (z[i] / di) * (z[i] / di)
                                : w - di * dw - (d[ip1] - d[i]) * (z[ip1] / dip1) * (z[ip1] / dip1)
            var a = (di + dip1) * w - di * dip1 * dw
            let b = di * dip1 * w
            if c == 0 {
                if a == 0 { a = origin == i ? z[i] * z[i] + dip1 * dip1 * dw : z[ip1] * z[ip1] + di * di * dw }
                eta = b / a
            } else {
                let root = Swift.abs(a * a - 4 * b * c).squareRoot()
                eta = a <= 0 ? (a - root) / (2 * c) : 2 * b / (a + root)
            }
        }
        if w * eta >= 0 { eta = -w / dw }  // the model stepped the wrong way: Newton
        var next = tau + eta
        if !(next > lower && next < upper) || iteration >= 40 { next = (lower + upper) / 2 }
        if next == tau { break }
        tau = next
    }
    for t in 0..<k { delta[t] = (d[t] - base) - tau }
    return base + tau
}
