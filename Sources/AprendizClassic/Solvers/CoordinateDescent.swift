import AprendizTensor

/// Cyclic coordinate descent for the elastic net, scikit-learn's `enet_coordinate_descent`
/// (sklearn/linear_model/_cd_fast.pyx), in `Double`, on centred data:
///
/// ```
/// minimise (1/2)‖y − Xw‖² + λ₁‖w‖₁ + (λ₂/2)‖w‖²          λ₁ = n·α·ρ,  λ₂ = n·α·(1 − ρ)
/// wⱼ ← S(Xⱼᵀr + ‖Xⱼ‖²wⱼ, λ₁) / (‖Xⱼ‖² + λ₂)            S(z, λ) = sign(z)·max(|z| − λ, 0),  r = y − Xw
/// ```
/// (which is n times scikit-learn's (1/2n)‖y − Xw‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖²). After a sweep whose
/// largest update is below `tolerance`·max|w| the duality gap is computed; the solver stops when it is
/// below `tolerance`·‖y‖², as scikit-learn does.
struct CoordinateDescent {
    var tolerance = 1e-4
    var maximumIterations = 1000

    /// The coefficients for columns `columns` (each `[n]`), targets `y`, from `start`.
    func solve(columns: [[Double]], y: [Double], l1: Double, l2: Double, start: [Double]? = nil) -> (w: [Double], iterations: Int) {
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
                if dualityGap(columns: columns, y: y, r: r, w: w, l1: l1, l2: l2) < gapTolerance { return (w, iteration + 1) }
            }
        }
        return (w, maximumIterations)
    }

    /// The elastic net's duality gap at (w, r = y − Xw) (scikit-learn's formula).
    private func dualityGap(columns: [[Double]], y: [Double], r: [Double], w: [Double], l1: Double, l2: Double) -> Double {
        let xtA = columns.indices.map { dot(columns[$0], r) - l2 * w[$0] }
        let dualNorm = xtA.map(abs).max() ?? 0
        let rNorm2 = dot(r, r), wNorm2 = dot(w, w)
        var gap = rNorm2
        var scale = 1.0
        if dualNorm > l1 {
            scale = l1 / dualNorm
            gap = 0.5 * (rNorm2 + rNorm2 * scale * scale)
        }
        return gap + l1 * w.map(abs).reduce(0, +) - scale * dot(r, y) + 0.5 * l2 * (1 + scale * scale) * wNorm2
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
