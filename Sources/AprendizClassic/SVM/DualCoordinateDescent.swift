import AprendizTensor

/// Dual coordinate descent for the L2-regularised linear SVM (Hsieh, Chang, Lin, Keerthi & Sundararajan
/// 2008), as liblinear's `solve_l2r_l1l2_svc` with its shrinking:
/// ```
/// primal:  min_w ½‖w‖² + Σᵢ Cᵢ ξ(w; xᵢ, yᵢ),   ξ = max(0, 1 − yᵢwᵀxᵢ) (hinge) or its square (squared hinge)
/// dual:    min_α ½ αᵀ(Q + D)α − eᵀα,   0 ≤ αᵢ ≤ Uᵢ,   Qᵢⱼ = yᵢyⱼxᵢᵀxⱼ
///          hinge: U = C, D = 0;  squared hinge: U = ∞, Dᵢᵢ = 1/(2C)
/// one coordinate at a time:  G = yᵢwᵀxᵢ − 1 + Dᵢᵢαᵢ,  αᵢ ← min(max(αᵢ − G/(Qᵢᵢ + Dᵢᵢ), 0), Uᵢ),  w += (Δαᵢ)yᵢxᵢ
/// ```
/// in a random order each pass, until the projected gradient's spread max PG − min PG ≤ ε.
struct DualCoordinateDescent {
    let x: DenseMatrix
    let squaredHinge: Bool
    let tolerance: Double
    let maximumIterations: Int

    /// w for labels `y` (±1) with per-sample penalties `c`; `seed` fixes the visiting order.
    func solve(y: [Double], c: [Double], seed: UInt64) -> (w: [Double], iterations: Int) {
        let (l, p) = (x.rows, x.columns)
        let diag = c.map { squaredHinge ? 0.5 / $0 : 0 }, upper = c.map { squaredHinge ? Double.infinity : $0 }
        var w = [Double](repeating: 0, count: p), alpha = [Double](repeating: 0, count: l)
        let qd = (0..<l).map { i in diag[i] + (0..<p).reduce(0.0) { $0 + x.values[i * p + $1] * x.values[i * p + $1] } }
        var index = Array(0..<l), active = l
        var pgMaxOld = Double.infinity, pgMinOld = -Double.infinity
        var generator = RandomGenerator(seed: seed)
        var iteration = 0
        while iteration < maximumIterations {
            var pgMax = -Double.infinity, pgMin = Double.infinity
            for s in 0..<active { index.swapAt(s, s + Int(generator.next() % UInt64(active - s))) }
            var s = 0
            while s < active {
                let i = index[s], yi = y[i], row = i * p
                var g = 0.0
                for j in 0..<p { g += w[j] * x.values[row + j] }
                g = g * yi - 1 + alpha[i] * diag[i]
                var pg = 0.0
                if alpha[i] == 0 {
                    if g > pgMaxOld { active -= 1; index.swapAt(s, active); continue }
                    if g < 0 { pg = g }
                } else if alpha[i] == upper[i] {
                    if g < pgMinOld { active -= 1; index.swapAt(s, active); continue }
                    if g > 0 { pg = g }
                } else {
                    pg = g
                }
                pgMax = max(pgMax, pg)
                pgMin = min(pgMin, pg)
                if abs(pg) > 1e-12 {
                    let old = alpha[i]
                    alpha[i] = min(max(alpha[i] - g / qd[i], 0), upper[i])
                    let d = (alpha[i] - old) * yi
                    for j in 0..<p { w[j] += d * x.values[row + j] }
                }
                s += 1
            }
            iteration += 1
            if pgMax - pgMin <= tolerance {
                if active == l { break }
                active = l
                pgMaxOld = .infinity
                pgMinOld = -.infinity
                continue
            }
            pgMaxOld = pgMax <= 0 ? .infinity : pgMax
            pgMinOld = pgMin >= 0 ? -.infinity : pgMin
        }
        return (w, iteration)
    }
}
