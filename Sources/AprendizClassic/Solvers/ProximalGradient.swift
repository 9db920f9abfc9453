/// Accelerated proximal gradient descent (FISTA; Beck & Teboulle 2009) for f(θ) + λ‖θ_S‖₁ with f smooth
/// and the L1 term on the first `penalisedCount` coordinates only — the solver of logistic regression
/// with an L1 or elastic-net penalty (scikit-learn uses SAGA there; the minimiser is the same).
/// ```
/// θ⁺ = prox_{tλ}(v − t∇f(v)),   prox = soft-thresholding on S,   t halved until
///      f(θ⁺) ≤ f(v) + ∇f(v)ᵀ(θ⁺ − v) + ‖θ⁺ − v‖²/(2t)
/// v ← θ⁺ + ((tₖ − 1)/tₖ₊₁)(θ⁺ − θ)      (restarted when the objective goes up)
/// stop when max|θ⁺ − θ| ≤ tolerance·max(1, max|θ|)
/// ```
struct ProximalGradient {
    var tolerance = 1e-8
    var maximumIterations = 5000

    func minimize(from start: [Double], l1: Double, penalisedCount: Int,
                  _ smooth: ([Double]) -> (value: Double, gradient: [Double])) -> [Double] {
        var theta = start, v = start, momentum = 1.0, step = 1.0
        var previous = Double.infinity
        for _ in 0..<maximumIterations {
            let (fv, gv) = smooth(v)
            var next: [Double], fNext: Double
            repeat {
                next = v.indices.map { m in
                    let u = v[m] - step * gv[m]
                    return m < penalisedCount ? softThreshold(u, step * l1) : u
                }
                fNext = smooth(next).value
                let d = zip(next, v).map { $0 - $1 }
                if fNext <= fv + dot(gv, d) + dot(d, d) / (2 * step) + 1e-15 * abs(fv) { break }
                step /= 2
            } while step > 1e-20
            let objective = fNext + l1 * next.prefix(penalisedCount).map(abs).reduce(0, +)
            let change = zip(next, theta).map { abs($0 - $1) }.max() ?? 0
            let scale = max(1, theta.map(abs).max() ?? 0)
            if objective > previous { momentum = 1 }  // adaptive restart
            let nextMomentum = (1 + (1 + 4 * momentum * momentum).squareRoot()) / 2
            v = next.indices.map { next[$0] + (momentum - 1) / nextMomentum * (next[$0] - theta[$0]) }
            theta = next
            momentum = nextMomentum
            previous = objective
            step *= 1.5  // let the step grow back after a cautious phase
            if change <= tolerance * scale { break }
        }
        return theta
    }
}
