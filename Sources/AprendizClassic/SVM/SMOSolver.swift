/// Sequential minimal optimisation for the support-vector duals (§14; Platt 1998), as libsvm's `Solver`
/// (Chang & Lin 2011) with second-order working-set selection (Fan, Chen & Lin 2005, "WSS3"), shrinking and
/// gradient reconstruction:
/// ```
/// min_α  f(α) = ½ αᵀQα + pᵀα     subject to  yᵀα = Δ,  0 ≤ αᵢ ≤ Cᵢ  (Cᵢ = C₊ if yᵢ = +1, C₋ otherwise)
/// ∇f = G = Qα + p
/// i = argmax { −yₜGₜ : t ∈ I_up(α) }        I_up = {t: yₜ=+1, αₜ<Cₜ} ∪ {t: yₜ=−1, αₜ>0}
/// j = argmin { −b²ᵢₜ / aᵢₜ : t ∈ I_low(α), −yₜGₜ < −yᵢGᵢ }
///     aᵢₜ = Qᵢᵢ + Qₜₜ − 2yᵢyₜQᵢₜ (τ = 10⁻¹² when ≤ 0),  bᵢₜ = −yᵢGᵢ + yₜGₜ
/// stop when m(α) − M(α) = max_{I_up} −yG − min_{I_low} −yG < ε
/// ```
/// then (αᵢ, αⱼ) moves along yᵀα = const to the box-clipped minimiser of the two-variable problem.
/// Shrinking sets aside, every min(l, 1000) iterations, bounded variables whose gradient says they will
/// stay bounded; their gradients are rebuilt from Ḡ (Ḡᵢ = Σ_{αⱼ=Cⱼ} CⱼQᵢⱼ) before the final check. As in
/// libsvm, the variables are kept in an order where the active ones come first (a shrunk variable swaps
/// places with the last active one, ``SupportVectorQ/swap(_:_:)``): the selection and the gradient update
/// are dense loops over the prefix `0..<activeSize`, and kernel rows are computed for that prefix only.
/// ρ (the offset, b = −ρ) is the mean of yᵢGᵢ over free variables, or the middle of the feasible interval.
///
/// The ν variant (libsvm's `Solver_NU`, for ν-SVC) has a second equality constraint eᵀα = const, so both
/// working variables come from the same class: i is the maximal violator among yₜ = +1 or among yₜ = −1
/// (whichever class the second-order best j belongs to), the gap is max(m₊ − M₊, m₋ − M₋), shrinking uses
/// the four per-class extremes, and the solution yields two offsets r₁ (yᵢ = +1) and r₂ (yᵢ = −1), each the
/// mean of Gᵢ over that class's free variables: ρ = (r₁ − r₂)/2, r = (r₁ + r₂)/2.
struct SMOSolver {
    /// The solution: α, ρ and the dual objective f(α).
    struct Solution {
        var alpha: [Double]
        var rho: Double
        /// The ν variant's r = (r₁ + r₂)/2 (1 for the standard solver).
        var r: Double = 1
        var objective: Double
        var iterations: Int
    }

    private enum Bound: UInt8 { case lower, upper, free }
    private static let tau = 1e-12

    private let q: any SupportVectorQ
    private let cPositive: Double, cNegative: Double
    private let eps: Double
    private let shrinking: Bool
    private let l: Int
    private let nu: Bool
    // Indexed by position (the current order); `original[t]` is the variable at position t.
    private var p: [Double]
    private var y: [Double]
    private var qd: [Double]
    private var alpha: [Double]
    private var status: [Bound]
    private var gradient: [Double]
    private var gradientBar: [Double]
    private var original: [Int]
    /// 1 where the variable is in I_up (resp. I_low), else 0: masks for the vectorised selection.
    private var inUp: [Double]
    private var inLow: [Double]
    /// Positions `0..<activeSize` are the active (unshrunk) variables.
    private var activeSize: Int
    private var unshrink = false

    /// Solves from α = `start` (feasible) with tolerance `eps` (scikit-learn's `tol`, 10⁻³).
    /// `nu` selects the ν variant (`Solver_NU`). `q` is left reordered.
    static func solve(_ q: any SupportVectorQ, p: [Double], y: [Double], start: [Double], cPositive: Double, cNegative: Double,
                      eps: Double, shrinking: Bool, nu: Bool = false) -> Solution {
        var solver = SMOSolver(q: q, p: p, y: y, start: start, cPositive: cPositive, cNegative: cNegative, eps: eps, shrinking: shrinking,
                               nu: nu)
        return solver.run()
    }

    private init(q: any SupportVectorQ, p: [Double], y: [Double], start: [Double], cPositive: Double, cNegative: Double,
                 eps: Double, shrinking: Bool, nu: Bool) {
        self.nu = nu
        self.q = q
        self.p = p
        self.y = y
        self.cPositive = cPositive
        self.cNegative = cNegative
        self.eps = eps
        self.shrinking = shrinking
        l = p.count
        qd = q.diagonal
        alpha = start
        status = []
        gradient = p
        gradientBar = [Double](repeating: 0, count: p.count)
        original = Array(0..<p.count)
        activeSize = p.count
        inUp = [Double](repeating: 0, count: p.count)
        inLow = inUp
        status = (0..<l).map { bound(start[$0], $0) }
        for t in 0..<l { setStatus(t, status[t]) }
        for i in 0..<l where status[i] != .lower {
            let row = q.row(i, length: l), ai = alpha[i]
            for j in 0..<l { gradient[j] += ai * Double(row[j]) }
            if status[i] == .upper { for j in 0..<l { gradientBar[j] += c(i) * Double(row[j]) } }
        }
    }

    @inline(__always) private func c(_ i: Int) -> Double { y[i] > 0 ? cPositive : cNegative }
    @inline(__always) private func bound(_ a: Double, _ i: Int) -> Bound { a >= c(i) ? .upper : (a <= 0 ? .lower : .free) }

    /// Status of position t, with its I_up / I_low masks.
    private mutating func setStatus(_ t: Int, _ b: Bound) {
        status[t] = b
        inUp[t] = (y[t] > 0 ? b != .upper : b != .lower) ? 1 : 0
        inLow[t] = (y[t] > 0 ? b != .lower : b != .upper) ? 1 : 0
    }

    private mutating func run() -> Solution {
        let maxIterations = max(10_000_000, l > Int.max / 100 ? Int.max : 100 * l)
        var counter = min(l, 1000) + 1
        var iterations = 0
        while iterations < maxIterations {
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { shrink() }
            }
            var pair = selectWorkingSet()
            if pair == nil {
                reconstructGradient()
                activeSize = l
                pair = selectWorkingSet()
                if pair == nil { break }
                counter = 1
            }
            iterations += 1
            update(pair!.i, pair!.j)
        }
        if iterations >= maxIterations && activeSize < l {
            reconstructGradient()
            activeSize = l
        }
        var objective = 0.0
        for i in 0..<l { objective += alpha[i] * (gradient[i] + p[i]) }
        let (rho, r) = nu ? nuOffsets() : (rho(), 1)
        var solution = [Double](repeating: 0, count: l)
        for t in 0..<l { solution[original[t]] = alpha[t] }
        return Solution(alpha: solution, rho: rho, r: r, objective: objective / 2, iterations: iterations)
    }

    /// Exchanges positions i and j everywhere (libsvm's `swap_index`).
    private mutating func swapIndex(_ i: Int, _ j: Int) {
        q.swap(i, j)
        y.swapAt(i, j)
        gradient.swapAt(i, j)
        status.swapAt(i, j)
        alpha.swapAt(i, j)
        p.swapAt(i, j)
        original.swapAt(i, j)
        gradientBar.swapAt(i, j)
        qd.swapAt(i, j)
        inUp.swapAt(i, j)
        inLow.swapAt(i, j)
    }

    /// Moves (αᵢ, αⱼ) to the clipped minimiser and updates G (over the active prefix) and Ḡ.
    private mutating func update(_ i: Int, _ j: Int) {
        let qi = q.row(i, length: activeSize), qj = q.row(j, length: activeSize)
        let (ci, cj) = (c(i), c(j))
        let (oldI, oldJ) = (alpha[i], alpha[j])
        if y[i] != y[j] {
            var quad = qd[i] + qd[j] + 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (-gradient[i] - gradient[j]) / quad, diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 { if alpha[j] < 0 { alpha[j] = 0; alpha[i] = diff } } else if alpha[i] < 0 { alpha[i] = 0; alpha[j] = -diff }
            if diff > ci - cj { if alpha[i] > ci { alpha[i] = ci; alpha[j] = ci - diff } } else if alpha[j] > cj { alpha[j] = cj; alpha[i] = cj + diff }
        } else {
            var quad = qd[i] + qd[j] - 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (gradient[i] - gradient[j]) / quad, sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > ci { if alpha[i] > ci { alpha[i] = ci; alpha[j] = sum - ci } } else if alpha[j] < 0 { alpha[j] = 0; alpha[i] = sum }
            if sum > cj { if alpha[j] > cj { alpha[j] = cj; alpha[i] = sum - cj } } else if alpha[i] < 0 { alpha[i] = 0; alpha[j] = sum }
        }
        let (dI, dJ) = (alpha[i] - oldI, alpha[j] - oldJ)
        let n = activeSize
        gradient.withUnsafeMutableBufferPointer { g in
            qi.withUnsafeBufferPointer { qi in
                qj.withUnsafeBufferPointer { qj in
                    let (g, qi, qj) = (g.baseAddress!, qi.baseAddress!, qj.baseAddress!)
                    for k in 0..<n { g[k] += Double(qi[k]) * dI + Double(qj[k]) * dJ }
                }
            }
        }
        updateBound(i)
        updateBound(j)
    }

    /// The new status of αₜ, and Ḡ += ±Cₜ·Qₜ (the full row) when αₜ reaches or leaves its upper bound.
    private mutating func updateBound(_ t: Int) {
        let wasUpper = status[t] == .upper
        setStatus(t, bound(alpha[t], t))
        if wasUpper != (status[t] == .upper) {
            let change = wasUpper ? -c(t) : c(t), row = q.row(t, length: l)
            for k in 0..<l { gradientBar[k] += change * Double(row[k]) }
        }
    }

    /// WSS3: the maximal violating i, then the j that most decreases the two-variable objective — over
    /// I_up and I_low written with v = yₜGₜ (i maximises −v on I_up; j's b = m + v, and M = max v on I_low),
    /// four lanes at a time. Ties go to the last position as in libsvm's sequential `>=` / `<=` scans: each
    /// lane keeps its last best, and the lanes' best with the largest position wins.
    private func selectWorkingSet() -> (i: Int, j: Int)? {
        if nu { return selectNuWorkingSet() }
        let n = activeSize, lanes = SIMD4<Int64>(0, 1, 2, 3)
        @inline(__always) func load(_ a: UnsafePointer<Double>, _ t: Int) -> SIMD4<Double> {
            UnsafeRawPointer(a + t).loadUnaligned(as: SIMD4<Double>.self)
        }
        return y.withUnsafeBufferPointer { y in
            gradient.withUnsafeBufferPointer { g in
                inUp.withUnsafeBufferPointer { up in
                    inLow.withUnsafeBufferPointer { low in
                        qd.withUnsafeBufferPointer { qd in
                            let (y, g, up, low, qd) = (y.baseAddress!, g.baseAddress!, up.baseAddress!, low.baseAddress!, qd.baseAddress!)
                            // i = argmax { −yₜGₜ : t ∈ I_up }.
                            var best = SIMD4<Double>(repeating: -.infinity), bestAt = SIMD4<Int64>(repeating: -1)
                            var t = 0
                            while t + 4 <= n {
                                let v = -(load(y, t) * load(g, t))
                                let take = (load(up, t) .!= 0) .& (v .>= best)
                                best.replace(with: v, where: take)
                                bestAt.replace(with: lanes &+ Int64(t), where: take)
                                t += 4
                            }
                            var gMax = -Double.infinity, i = -1
                            for lane in 0..<4 where bestAt[lane] >= 0 && (best[lane] > gMax || (best[lane] == gMax && Int(bestAt[lane]) > i)) {
                                (gMax, i) = (best[lane], Int(bestAt[lane]))
                            }
                            while t < n {
                                if up[t] != 0 && -(y[t] * g[t]) >= gMax { (gMax, i) = (-(y[t] * g[t]), t) }
                                t += 1
                            }
                            guard i >= 0 else { return nil }
                            // j = argmin { −b²/a : t ∈ I_low, b = m + yₜGₜ > 0 },  a = Qᵢᵢ + Qₜₜ − 2yᵢyₜQᵢₜ (τ when ≤ 0).
                            let row = q.row(i, length: n), twiceYi = 2 * y[i], qdi = qd[i]
                            return row.withUnsafeBufferPointer { row in
                                let qi = row.baseAddress!
                                var smallest = SIMD4<Double>(repeating: .infinity), smallestAt = SIMD4<Int64>(repeating: -1)
                                var largest = SIMD4<Double>(repeating: -.infinity)
                                t = 0
                                while t + 4 <= n {
                                    let yt = load(y, t), v = yt * load(g, t), inLow = load(low, t) .!= 0
                                    largest.replace(with: v, where: inLow .& (v .>= largest))
                                    let b = gMax + v, candidate = inLow .& (b .> 0)
                                    if any(candidate) {
                                        let qit = SIMD4<Double>(UnsafeRawPointer(qi + t).loadUnaligned(as: SIMD4<Float>.self))
                                        var a = (qdi + load(qd, t)) - (twiceYi * yt) * qit
                                        a.replace(with: Self.tau, where: a .<= 0)
                                        let decrease = -(b * b) / a
                                        let take = candidate .& (decrease .<= smallest)
                                        smallest.replace(with: decrease, where: take)
                                        smallestAt.replace(with: lanes &+ Int64(t), where: take)
                                    }
                                    t += 4
                                }
                                var objectiveMin = Double.infinity, j = -1, gMax2 = largest.max()
                                for lane in 0..<4 where smallestAt[lane] >= 0
                                    && (smallest[lane] < objectiveMin || (smallest[lane] == objectiveMin && Int(smallestAt[lane]) > j)) {
                                    (objectiveMin, j) = (smallest[lane], Int(smallestAt[lane]))
                                }
                                while t < n {
                                    if low[t] != 0 {
                                        let v = y[t] * g[t], b = gMax + v
                                        if v >= gMax2 { gMax2 = v }
                                        if b > 0 {
                                            var a = (qdi + qd[t]) - (twiceYi * y[t]) * Double(qi[t])
                                            if a <= 0 { a = Self.tau }
                                            let decrease = -(b * b) / a
                                            if decrease <= objectiveMin { (objectiveMin, j) = (decrease, t) }
                                        }
                                    }
                                    t += 1
                                }
                                if gMax + gMax2 < eps || j == -1 { return nil }
                                return (i, j)
                            }
                        }
                    }
                }
            }
        }
    }

    private func beShrunk(_ i: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        switch status[i] {
        case .upper: y[i] > 0 ? -gradient[i] > gMax1 : -gradient[i] > gMax2
        case .lower: y[i] > 0 ? gradient[i] > gMax2 : gradient[i] > gMax1
        case .free: false
        }
    }

    private mutating func shrink() {
        if nu { return shrinkNu() }
        var gMax1 = -Double.infinity, gMax2 = -Double.infinity
        for i in 0..<activeSize {
            let g = gradient[i]
            if y[i] > 0 {
                if status[i] != .upper { gMax1 = max(gMax1, -g) }
                if status[i] != .lower { gMax2 = max(gMax2, g) }
            } else {
                if status[i] != .upper { gMax2 = max(gMax2, -g) }
                if status[i] != .lower { gMax1 = max(gMax1, g) }
            }
        }
        if !unshrink && gMax1 + gMax2 <= eps * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        compact { solver, i in solver.beShrunk(i, gMax1, gMax2) }
    }

    /// Moves the variables `shrunk` says to set aside behind the active prefix, each swapped with the last
    /// active one that stays (libsvm's loop in `do_shrinking`).
    private mutating func compact(_ shrunk: (Self, Int) -> Bool) {
        var i = 0
        while i < activeSize {
            if shrunk(self, i) {
                activeSize -= 1
                while activeSize > i {
                    if !shrunk(self, activeSize) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    /// Gᵢ of the shrunk variables (positions `activeSize..<l`) from Ḡ and the free variables' rows.
    private mutating func reconstructGradient() {
        guard activeSize < l else { return }
        for j in activeSize..<l { gradient[j] = gradientBar[j] + p[j] }
        let free = (0..<activeSize).filter { status[$0] == .free }
        if free.count * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                let row = q.row(i, length: activeSize)
                for j in free { gradient[i] += alpha[j] * Double(row[j]) }
            }
        } else {
            for i in free {
                let row = q.row(i, length: l), ai = alpha[i]
                for j in activeSize..<l { gradient[j] += ai * Double(row[j]) }
            }
        }
    }

    private func rho() -> Double {
        var free = 0, sumFree = 0.0, upper = Double.infinity, lower = -Double.infinity
        for i in 0..<activeSize {
            let yg = y[i] * gradient[i]
            switch status[i] {
            case .upper: if y[i] < 0 { upper = min(upper, yg) } else { lower = max(lower, yg) }
            case .lower: if y[i] > 0 { upper = min(upper, yg) } else { lower = max(lower, yg) }
            case .free: free += 1; sumFree += yg
            }
        }
        return free > 0 ? sumFree / Double(free) : (upper + lower) / 2
    }

    // MARK: the ν variant (libsvm's Solver_NU)

    /// The second-order j over both classes, i the maximal violator of j's class.
    private func selectNuWorkingSet() -> (i: Int, j: Int)? {
        var gMaxP = -Double.infinity, gMaxP2 = -Double.infinity, iP = -1
        var gMaxN = -Double.infinity, gMaxN2 = -Double.infinity, iN = -1
        for t in 0..<activeSize {
            if y[t] > 0 {
                if status[t] != .upper && -gradient[t] >= gMaxP { gMaxP = -gradient[t]; iP = t }
            } else if status[t] != .lower && gradient[t] >= gMaxN { gMaxN = gradient[t]; iN = t }
        }
        let qP = iP >= 0 ? q.row(iP, length: activeSize) : [], qN = iN >= 0 ? q.row(iN, length: activeSize) : []
        var jBest = -1, objectiveMin = Double.infinity
        for t in 0..<activeSize {
            let difference: Double, quadratic: Double
            if y[t] > 0 {
                guard status[t] != .lower else { continue }
                difference = gMaxP + gradient[t]
                gMaxP2 = max(gMaxP2, gradient[t])
                guard difference > 0 else { continue }
                quadratic = qd[iP] + qd[t] - 2 * Double(qP[t])
            } else {
                guard status[t] != .upper else { continue }
                difference = gMaxN - gradient[t]
                gMaxN2 = max(gMaxN2, -gradient[t])
                guard difference > 0 else { continue }
                quadratic = qd[iN] + qd[t] - 2 * Double(qN[t])
            }
            let decrease = -difference * difference / (quadratic > 0 ? quadratic : Self.tau)
            if decrease <= objectiveMin { jBest = t; objectiveMin = decrease }
        }
        if max(gMaxP + gMaxP2, gMaxN + gMaxN2) < eps || jBest == -1 { return nil }
        return (y[jBest] > 0 ? iP : iN, jBest)
    }

    /// Shrinking with the per-class extremes of −yG over I_up and yG over I_low.
    private mutating func shrinkNu() {
        var g1 = -Double.infinity, g2 = -Double.infinity, g3 = -Double.infinity, g4 = -Double.infinity
        for i in 0..<activeSize {
            if status[i] != .upper { if y[i] > 0 { g1 = max(g1, -gradient[i]) } else { g4 = max(g4, -gradient[i]) } }
            if status[i] != .lower { if y[i] > 0 { g2 = max(g2, gradient[i]) } else { g3 = max(g3, gradient[i]) } }
        }
        if !unshrink && max(g1 + g2, g3 + g4) <= eps * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        compact { solver, i in
            switch solver.status[i] {
            case .upper: solver.y[i] > 0 ? -solver.gradient[i] > g1 : -solver.gradient[i] > g4
            case .lower: solver.y[i] > 0 ? solver.gradient[i] > g2 : solver.gradient[i] > g3
            case .free: false
            }
        }
    }

    /// ρ = (r₁ − r₂)/2 and r = (r₁ + r₂)/2 from the two classes' gradients.
    private func nuOffsets() -> (rho: Double, r: Double) {
        func offset(_ positive: Bool) -> Double {
            var free = 0, sum = 0.0, upper = Double.infinity, lower = -Double.infinity
            for i in 0..<activeSize where (y[i] > 0) == positive {
                switch status[i] {
                case .upper: lower = max(lower, gradient[i])
                case .lower: upper = min(upper, gradient[i])
                case .free: free += 1; sum += gradient[i]
                }
            }
            return free > 0 ? sum / Double(free) : (upper + lower) / 2
        }
        let (r1, r2) = (offset(true), offset(false))
        return ((r1 - r2) / 2, (r1 + r2) / 2)
    }
}
