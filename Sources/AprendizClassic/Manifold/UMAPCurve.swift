import Foundation

/// The low-dimensional similarity curve of UMAP (McInnes, Healy & Melville 2018, §3; umap-learn's
/// `find_ab_params`): a and b fitted by least squares so that
///
/// ```
/// 1 / (1 + a·d^(2b))  ≈  1 if d < minDist,  exp(−(d − minDist)/spread) otherwise
/// ```
/// on 300 evenly spaced d in [0, 3·spread], by Levenberg–Marquardt from (a, b) = (1, 1), as SciPy's
/// `curve_fit` does.
struct UMAPCurve: Sendable {
    let a: Double
    let b: Double

    /// The curve fitted for `spread` and `minDist`.
    init(spread: Double, minDist: Double) {
        let xs = (0..<300).map { 3 * spread * Double($0) / 299 }
        let ys = xs.map { $0 < minDist ? 1 : exp(-($0 - minDist) / spread) }
        var (a, b) = (1.0, 1.0)
        var lambda = 1e-3
        func residualNorm(_ a: Double, _ b: Double) -> Double {
            zip(xs, ys).reduce(0) { s, point in let r = 1 / (1 + a * pow(point.0, 2 * b)) - point.1; return s + r * r }
        }
        var cost = residualNorm(a, b)
        for _ in 0..<500 {
            // Normal equations JᵀJ·δ = −Jᵀr of the 2-parameter model, damped by λ·diag(JᵀJ).
            var (jaa, jab, jbb, ga, gb) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for (x, y) in zip(xs, ys) where x > 0 {
                let power = pow(x, 2 * b), denominator = 1 + a * power
                let r = 1 / denominator - y
                let da = -power / (denominator * denominator)
                let db = -a * power * 2 * log(x) / (denominator * denominator)
                (jaa, jab, jbb, ga, gb) = (jaa + da * da, jab + da * db, jbb + db * db, ga + da * r, gb + db * r)
            }
            let (daa, dbb) = (jaa * (1 + lambda), jbb * (1 + lambda))
            let determinant = daa * dbb - jab * jab
            let stepA = -(dbb * ga - jab * gb) / determinant, stepB = -(daa * gb - jab * ga) / determinant
            let trial = residualNorm(a + stepA, b + stepB)
            if trial < cost {
                let improvement = cost - trial
                (a, b, cost) = (a + stepA, b + stepB, trial)
                lambda = max(lambda / 10, 1e-12)
                if improvement <= 1e-15 * max(cost, 1e-300) && abs(stepA) + abs(stepB) < 1e-12 { break }
            } else {
                lambda *= 10
                if lambda > 1e12 { break }
            }
        }
        self.a = a
        self.b = b
    }
}
