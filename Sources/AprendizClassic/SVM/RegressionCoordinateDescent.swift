import AprendizTensor

/// Dual coordinate descent for L2-regularised linear support vector regression (Ho & Lin 2012, "Large-scale
/// linear support vector regression"), as liblinear's `solve_l2r_l1l2_svr` with its shrinking:
/// ```
/// primal:  min_w ½‖w‖² + C Σᵢ ξ_ε(yᵢ − wᵀxᵢ),  ξ_ε(r) = max(0, |r| − ε) (L1) or its square (L2)
/// dual:    min_β ½ βᵀ(XXᵀ + λI)β − yᵀβ + ε‖β‖₁,   −U ≤ βᵢ ≤ U,   w = Σᵢ βᵢxᵢ
///          L1: λ = 0, U = C;  L2: λ = 1/(2C), U = ∞
/// one coordinate at a time:  G = wᵀxᵢ − yᵢ + λβᵢ,  H = ‖xᵢ‖² + λ,  G± = G ± ε
///          d = −G₊/H if G₊ < Hβᵢ;  −G₋/H if G₋ > Hβᵢ;  −βᵢ otherwise;   βᵢ ← clip(βᵢ + d, −U, U),  w += Δβᵢ xᵢ
/// ```
/// in a random order each pass, until Σᵢ vᵢ ≤ tolerance · (Σᵢ vᵢ of the first pass), vᵢ the violation of
/// coordinate i's optimality condition; coordinates at a bound whose gradient keeps them there are shrunk.
struct RegressionCoordinateDescent {
    let x: DenseMatrix
    let squaredLoss: Bool
    let c: Double
    let epsilon: Double
    let tolerance: Double
    let maximumIterations: Int

    /// w for targets `y`; `seed` fixes the visiting order.
    func solve(y: [Double], seed: UInt64) -> (w: [Double], iterations: Int) {
        let (l, p) = (x.rows, x.columns)
        let lambda = squaredLoss ? 0.5 / c : 0, upper = squaredLoss ? Double.infinity : c
        var w = [Double](repeating: 0, count: p), beta = [Double](repeating: 0, count: l)
        let qd = (0..<l).map { i in (0..<p).reduce(0.0) { $0 + x.values[i * p + $1] * x.values[i * p + $1] } }
        var index = Array(0..<l), active = l
        var gMaxOld = Double.infinity, initialNorm = -1.0
        var generator = RandomGenerator(seed: seed)
        var iteration = 0
        while iteration < maximumIterations {
            var gMax = 0.0, norm = 0.0
            for s in 0..<active { index.swapAt(s, s + Int(generator.next() % UInt64(active - s))) }
            var s = 0
            while s < active {
                let i = index[s], row = i * p
                var g = -y[i] + lambda * beta[i]
                for j in 0..<p { g += w[j] * x.values[row + j] }
                let h = qd[i] + lambda, gp = g + epsilon, gn = g - epsilon
                var violation = 0.0
                if beta[i] == 0 {
                    if gp < 0 { violation = -gp } else if gn > 0 { violation = gn } else if gp > gMaxOld && gn < -gMaxOld {
                        active -= 1; index.swapAt(s, active); continue
                    }
                } else if beta[i] >= upper {
                    if gp > 0 { violation = gp } else if gp < -gMaxOld { active -= 1; index.swapAt(s, active); continue }
                } else if beta[i] <= -upper {
                    if gn < 0 { violation = -gn } else if gn > gMaxOld { active -= 1; index.swapAt(s, active); continue }
                } else {
                    violation = beta[i] > 0 ? abs(gp) : abs(gn)
                }
                gMax = max(gMax, violation)
                norm += violation
                s += 1
                let d = gp < h * beta[i] ? -gp / h : (gn > h * beta[i] ? -gn / h : -beta[i])
                guard abs(d) >= 1e-12 else { continue }
                let old = beta[i]
                beta[i] = min(max(beta[i] + d, -upper), upper)
                let step = beta[i] - old
                if step != 0 { for j in 0..<p { w[j] += step * x.values[row + j] } }
            }
            if iteration == 0 { initialNorm = norm }
            iteration += 1
            if norm <= tolerance * initialNorm {
                if active == l { break }
                active = l
                gMaxOld = .infinity
                continue
            }
            gMaxOld = gMax
        }
        return (w, iteration)
    }
}
