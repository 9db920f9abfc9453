/// Class probabilities from pairwise ones (Wu, Lin & Weng 2004, "Probability estimates for multi-class
/// classification by pairwise coupling", method 2), as libsvm's `multiclass_probability`:
/// ```
/// rᵢⱼ ≈ P(y = i | y ∈ {i, j}, x),  rⱼᵢ = 1 − rᵢⱼ
/// min_p  ½ Σᵢ Σ_{j≠i} (rⱼᵢ pᵢ − rᵢⱼ pⱼ)²  =  ½ pᵀQp    s.t. Σ pᵢ = 1, pᵢ ≥ 0
/// Qₜₜ = Σ_{j≠t} rⱼₜ²,   Qₜⱼ = −rⱼₜ rₜⱼ
/// p = 1/k;  repeat: for each t,  pₜ += (pᵀQp − (Qp)ₜ)/Qₜₜ,  then p /= Σp   (Qp and pᵀQp updated in place)
/// until maxₜ |(Qp)ₜ − pᵀQp| < 0.005/k, at most max(100, k) sweeps
/// ```
/// Two classes iterate too (the exact answer is (r₀₁, r₁₀), which libsvm ≥ 3.25 returns directly; the libsvm
/// vendored by scikit-learn 1.9 iterates, and its stopping rule leaves up to ~2·10⁻³ of difference, so we follow it).
enum PairwiseCoupling {
    /// p from the k × k matrix `r` (row-major, diagonal unused).
    static func probabilities(_ r: [Double], classes k: Int) -> [Double] {
        var q = [Double](repeating: 0, count: k * k)
        for t in 0..<k {
            for j in 0..<k where j != t {
                q[t * k + t] += r[j * k + t] * r[j * k + t]
                q[t * k + j] = -r[j * k + t] * r[t * k + j]
            }
        }
        var p = [Double](repeating: 1 / Double(k), count: k), qp = [Double](repeating: 0, count: k)
        let eps = 0.005 / Double(k)
        for _ in 0..<max(100, k) {
            var pqp = 0.0
            for t in 0..<k {
                qp[t] = (0..<k).reduce(0.0) { $0 + q[t * k + $1] * p[$1] }
                pqp += p[t] * qp[t]
            }
            if qp.map({ abs($0 - pqp) }).max()! < eps { break }
            for t in 0..<k {
                let diff = (-qp[t] + pqp) / q[t * k + t]
                p[t] += diff
                pqp = (pqp + diff * (diff * q[t * k + t] + 2 * qp[t])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[t * k + j]) / (1 + diff)
                    p[j] /= 1 + diff
                }
            }
        }
        return p
    }
}
