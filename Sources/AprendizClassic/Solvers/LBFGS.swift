import AprendizTensor

/// Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 7.4–7.5) with a
/// backtracking Armijo line search, in `Double` — the quasi-Newton solver of scikit-learn's default
/// `lbfgs` for smooth objectives (logistic regression with an L2 penalty, Huber regression).
///
/// ```
/// d = −H·∇f  (two-loop recursion over the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, H₀ = (sᵀy / yᵀy)·I)
/// x ← x + t·d,  t halved from 1 until f(x + t·d) ≤ f(x) + 10⁻⁴·t·∇fᵀd
/// stop when max|∇f| ≤ gradientTolerance or the step no longer changes f
/// ```
struct LBFGS {
    /// Pairs kept (scikit-learn/SciPy default 10).
    var memory = 10
    var maximumIterations = 1000
    var gradientTolerance = 1e-8

    /// Minimises `objective` (returning f and ∇f) from `start`; returns the minimiser and the iterations run.
    func minimize(from start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> (x: [Double], iterations: Int) {
        var x = start
        var (f, g) = objective(x)
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        for iteration in 0..<maximumIterations {
            if g.map(abs).max() ?? 0 <= gradientTolerance { return (x, iteration) }
            var d = direction(g, pairs)
            var slope = dot(g, d)
            if slope >= 0 { d = g.map { -$0 }; slope = dot(g, d); pairs.removeAll() }
            var t = 1.0, next = (value: f, gradient: g), xNext = x
            while true {
                xNext = zip(x, d).map { $0 + t * $1 }
                next = objective(xNext)
                if next.value <= f + 1e-4 * t * slope || t < 1e-20 { break }
                t /= 2
            }
            let s = zip(xNext, x).map { $0 - $1 }, y = zip(next.gradient, g).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 * dot(y, y).squareRoot() * dot(s, s).squareRoot() {
                pairs.append((s, y, 1 / sy))
                if pairs.count > memory { pairs.removeFirst() }
            }
            let decrease = f - next.value
            x = xNext; f = next.value; g = next.gradient
            if decrease <= 1e-16 * max(abs(f), 1) && t < 1e-10 { return (x, iteration + 1) }
        }
        return (x, maximumIterations)
    }

    private func direction(_ g: [Double], _ pairs: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        var q = g.map { -$0 }
        var alphas = [Double](repeating: 0, count: pairs.count)
        for k in pairs.indices.reversed() {
            alphas[k] = pairs[k].rho * dot(pairs[k].s, q)
            for i in q.indices { q[i] -= alphas[k] * pairs[k].y[i] }
        }
        if let last = pairs.last {
            let gamma = dot(last.s, last.y) / dot(last.y, last.y)
            for i in q.indices { q[i] *= gamma }
        }
        for k in pairs.indices {
            let beta = pairs[k].rho * dot(pairs[k].y, q)
            for i in q.indices { q[i] += (alphas[k] - beta) * pairs[k].s[i] }
        }
        return q
    }
}

/// Σᵢ aᵢbᵢ (four partial sums, so the loop vectorises without bounds checks).
func dot(_ a: [Double], _ b: [Double]) -> Double {
    require(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
    return a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, i = 0
            while i + 4 <= a.count {
                s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
                i += 4
            }
            while i < a.count { s0 += a[i] * b[i]; i += 1 }
            return (s0 + s1) + (s2 + s3)
        }
    }
}
