import Foundation

/// The penalised negative log-likelihood that logistic and softmax regression minimise, as scikit-learn
/// writes it divided by n·C (same minimiser), over θ = (W `[features, K]` row-major, b `[K]`):
/// ```
/// f(θ) = (1/n) Σᵢ ℓᵢ + (1 − ρ)/(2nC)·‖W‖²          (+ ρ/(nC)·‖W‖₁, handled by the proximal solver)
/// K = 1 (binary):  ℓᵢ = log(1 + e^{zᵢ}) − yᵢzᵢ,   ∇_W = (1/n) Xᵀ(σ(z) − y)
/// K ≥ 2 (softmax): ℓᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ,    ∇_W = (1/n) Xᵀ(P − Y)
/// ```
/// The intercept b is not penalised (scikit-learn's convention).
struct LogisticLoss {
    let x: DenseMatrix
    /// Class index of each row (0/1 for the binary case).
    let labels: [Int]
    /// 1 for the sigmoid (two classes), the number of classes for softmax.
    let outputs: Int
    let fitIntercept: Bool
    /// The L2 weight (1 − ρ)/(nC).
    let l2: Double

    var parameterCount: Int { x.columns * outputs + (fitIntercept ? outputs : 0) }

    /// f(θ) and ∇f(θ).
    func evaluate(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        let k = outputs, p = x.columns, n = Double(x.rows)
        let w = Array(theta[0..<(p * k)])
        var z = x.times(w, k: k)
        if fitIntercept { for i in 0..<x.rows { for c in 0..<k { z[i * k + c] += theta[p * k + c] } } }
        var loss = 0.0
        var residual = z  // becomes σ(z) − y or P − Y
        for i in 0..<x.rows {
            let y = labels[i]
            if k == 1 {
                // One exponential serves both: e = e^{−|z|}, log(1 + e^z) = max(z, 0) + log1p(e),
                // σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) otherwise.
                let zi = z[i], e = exp(-abs(zi))
                loss += max(zi, 0) + log1p(e) - (y == 1 ? zi : 0)
                residual[i] = (zi >= 0 ? 1 : e) / (1 + e) - Double(y)
            } else {
                let row = i * k
                var top = -Double.infinity
                for c in 0..<k { top = max(top, z[row + c]) }
                var total = 0.0
                for c in 0..<k { total += exp(z[row + c] - top) }
                loss += top + log(total) - z[row + y]
                for c in 0..<k { residual[row + c] = exp(z[row + c] - top) / total - (c == y ? 1 : 0) }
            }
        }
        var gradient = x.transposeTimes(residual, k: k).map { $0 / n }
        for m in 0..<(p * k) { gradient[m] += l2 * w[m] }
        if fitIntercept {
            for c in 0..<k { gradient.append((0..<x.rows).reduce(0) { $0 + residual[$1 * k + c] } / n) }
        }
        return (loss / n + 0.5 * l2 * dot(w, w), gradient)
    }
}
