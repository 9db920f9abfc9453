import AprendizTensor

/// Cyclic coordinate descent for the elastic net, scikit-learn's `enet_coordinate_descent` and
/// `enet_coordinate_descent_gram` (sklearn/linear_model/_cd_fast.pyx), in `Double`, on centred data:
///
/// ```
/// minimise (1/2)‖y − Xw‖² + λ₁‖w‖₁ + (λ₂/2)‖w‖²          λ₁ = n·α·ρ,  λ₂ = n·α·(1 − ρ)
/// wⱼ ← S(Xⱼᵀr + ‖Xⱼ‖²wⱼ, λ₁) / (‖Xⱼ‖² + λ₂)            S(z, λ) = sign(z)·max(|z| − λ, 0),  r = y − Xw
/// ```
/// (which is n times scikit-learn's (1/2n)‖y − Xw‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖²). After a sweep whose
/// largest update is below `tolerance`·max|w| the duality gap is computed; the solver stops when it is
/// below `tolerance`·‖y‖², as scikit-learn does.
///
/// When rows outnumber features (``Problem/init(_:_:)``) the sweeps run on the Gram matrix Q = XᵀX and
/// q = Xᵀy (scikit-learn's `precompute=True`), so each update costs O(features) instead of O(rows):
/// ```
/// Xⱼᵀr = qⱼ − (Qw)ⱼ,   ‖r‖² = yᵀy − 2wᵀq + wᵀQw,   rᵀy = yᵀy − wᵀq
/// ```
/// — the same iterates in exact arithmetic.
struct CoordinateDescent {
    var tolerance = 1e-4
    var maximumIterations = 1000

    /// The data of one problem in the form the sweeps read, built once (a regularisation path reuses it).
    enum Problem {
        /// The centred columns (each `[n]`) and targets: O(rows) per update, for features ≥ rows.
        case columns([[Double]], y: [Double])
        /// Q = XᵀX (`[p, p]` row-major), q = Xᵀy and yᵀy: O(features) per update.
        case gram(q: [Double], xty: [Double], yty: Double)

        /// The Gram form when `x` has more rows than columns, else the columns.
        init(_ x: DenseMatrix, _ y: [Double]) {
            self = x.rows > x.columns ? .gram(q: x.gram(), xty: x.transposeTimes(y), yty: dot(y, y))
                                      : .columns(x.columnArrays(), y: y)
        }

        /// Xᵀy.
        var xty: [Double] {
            switch self {
            case .columns(let columns, let y): columns.map { dot($0, y) }
            case .gram(_, let xty, _): xty
            }
        }
    }

    /// The coefficients of `problem` for penalties λ₁ = `l1`, λ₂ = `l2`, from `start` (default zero).
    func solve(_ problem: Problem, l1: Double, l2: Double, start: [Double]? = nil) -> (w: [Double], iterations: Int) {
        switch problem {
        case .columns(let columns, let y): solve(columns: columns, y: y, l1: l1, l2: l2, start: start)
        case .gram(let q, let xty, let yty): solve(gram: q, xty: xty, yty: yty, l1: l1, l2: l2, start: start)
        }
    }

    /// The sweeps on the columns (`enet_coordinate_descent`), keeping r = y − Xw.
    private func solve(columns: [[Double]], y: [Double], l1: Double, l2: Double, start: [Double]?) -> (w: [Double], iterations: Int) {
        let p = columns.count
        var w = start ?? [Double](repeating: 0, count: p)
        let norms = columns.map { dot($0, $0) }
        var r = y
        for j in 0..<p where w[j] != 0 { axpy(-w[j], columns[j], &r) }
        let gapTolerance = tolerance * dot(y, y)
        for iteration in 0..<maximumIterations {
            var maxChange = 0.0, maxWeight = 0.0
            for j in 0..<p where norms[j] > 0 {
                let old = w[j]
                let z = dot(columns[j], r) + norms[j] * old
                let new = softThreshold(z, l1) / (norms[j] + l2)
                if new != old {
                    axpy(old - new, columns[j], &r)
                    w[j] = new
                }
                maxChange = max(maxChange, abs(new - old))
                maxWeight = max(maxWeight, abs(new))
            }
            if maxWeight == 0 || maxChange / maxWeight < tolerance || iteration == maximumIterations - 1 {
                let xtr = columns.map { dot($0, r) }
                let gap = dualityGap(xtr: xtr, rNorm2: dot(r, r), ry: dot(r, y), w: w, l1: l1, l2: l2)
                if gap < gapTolerance { return (w, iteration + 1) }
            }
        }
        return (w, maximumIterations)
    }

    /// The sweeps on Q = XᵀX (`enet_coordinate_descent_gram`), keeping h = Qw.
    private func solve(gram q: [Double], xty: [Double], yty: Double, l1: Double, l2: Double, start: [Double]?) -> (w: [Double], iterations: Int) {
        let p = xty.count
        var w = start ?? [Double](repeating: 0, count: p)
        var h = [Double](repeating: 0, count: p)
        q.withUnsafeBufferPointer { q in
            for j in 0..<p where w[j] != 0 { for k in 0..<p { h[k] += w[j] * q[j * p + k] } }
        }
        let gapTolerance = tolerance * yty
        for iteration in 0..<maximumIterations {
            var maxChange = 0.0, maxWeight = 0.0
            q.withUnsafeBufferPointer { q in
                w.withUnsafeMutableBufferPointer { w in
                    h.withUnsafeMutableBufferPointer { h in
                        for j in 0..<p {
                            let norm = q[j * p + j]
                            guard norm > 0 else { continue }
                            let old = w[j]
                            let z = xty[j] - h[j] + norm * old
                            let new = softThreshold(z, l1) / (norm + l2)
                            if new != old {
                                let change = new - old, row = q.baseAddress! + j * p
                                for k in 0..<p { h[k] += change * row[k] }
                                w[j] = new
                            }
                            maxChange = max(maxChange, abs(new - old))
                            maxWeight = max(maxWeight, abs(new))
                        }
                    }
                }
            }
            if maxWeight == 0 || maxChange / maxWeight < tolerance || iteration == maximumIterations - 1 {
                let wq = dot(w, xty)
                let xtr = (0..<p).map { xty[$0] - h[$0] }
                let gap = dualityGap(xtr: xtr, rNorm2: yty - 2 * wq + dot(w, h), ry: yty - wq, w: w, l1: l1, l2: l2)
                if gap < gapTolerance { return (w, iteration + 1) }
            }
        }
        return (w, maximumIterations)
    }

    /// The elastic net's duality gap at w from Xᵀr, ‖r‖² and rᵀy, r = y − Xw (scikit-learn's formula).
    private func dualityGap(xtr: [Double], rNorm2: Double, ry: Double, w: [Double], l1: Double, l2: Double) -> Double {
        let dualNorm = zip(xtr, w).map { abs($0 - l2 * $1) }.max() ?? 0
        let wNorm2 = dot(w, w)
        var gap = rNorm2
        var scale = 1.0
        if dualNorm > l1 {
            scale = l1 / dualNorm
            gap = 0.5 * (rNorm2 + rNorm2 * scale * scale)
        }
        return gap + l1 * w.map(abs).reduce(0, +) - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2
    }
}

/// S(z, λ) = sign(z)·max(|z| − λ, 0), the proximal operator of λ|·|.
func softThreshold(_ z: Double, _ lambda: Double) -> Double {
    z > lambda ? z - lambda : (z < -lambda ? z + lambda : 0)
}

/// y ← y + a·x.
func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    require(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] += a * x[i] }
        }
    }
}
