import AprendizTensor

/// A change of variables that lets a solver work on standardised features without changing the problem:
/// for θ = (W `[features, K]`, b `[K]`) and column means μⱼ, spreads sⱼ,
/// ```
/// Wⱼₖ = Uⱼₖ / sⱼ,   bₖ = b′ₖ − Σⱼ Wⱼₖ μⱼ     so   x·W + b = ((x − μ)/s)·U + b′
/// ∂f/∂Uⱼₖ = (∂f/∂Wⱼₖ − μⱼ ∂f/∂bₖ) / sⱼ,   ∂f/∂b′ₖ = ∂f/∂bₖ
/// ```
/// The objective (penalty included) is evaluated at the original θ, so the minimiser is the same; only the
/// solver's geometry changes (quasi-Newton methods converge far faster on well-scaled coordinates).
struct FeatureScaling {
    let means: [Double]
    let scales: [Double]
    let outputs: Int
    let fitIntercept: Bool

    /// The column means and spreads of the `[rows, features]` data, summed in `Double` from the `Float`
    /// values in place (one pass for the means, one for the squared deviations).
    init(_ x: Tensor, outputs: Int, fitIntercept: Bool) {
        let (n, p) = (x.shape[0], x.shape[1])
        let mu = DenseMatrix.columnMeans(of: x)
        var variance = [Double](repeating: 0, count: p)
        x.withUnsafeBufferPointer { values in
            mu.withUnsafeBufferPointer { mu in
                variance.withUnsafeMutableBufferPointer { variance in
                    for i in 0..<n { for j in 0..<p { let d = Double(values[i * p + j]) - mu[j]; variance[j] += d * d } }
                }
            }
        }
        scales = variance.map { v in let s = (v / Double(max(n, 1))).squareRoot(); return s > 0 ? s : 1 }
        means = fitIntercept ? mu : [Double](repeating: 0, count: p)
        self.outputs = outputs
        self.fitIntercept = fitIntercept
    }

    /// θ from the scaled coordinates φ = (U, b′).
    func original(_ phi: [Double]) -> [Double] {
        var theta = phi
        let k = outputs, p = scales.count
        for j in 0..<p { for c in 0..<k { theta[j * k + c] = phi[j * k + c] / scales[j] } }
        if fitIntercept {
            for c in 0..<k { for j in 0..<p { theta[p * k + c] -= theta[j * k + c] * means[j] } }
        }
        return theta
    }

    /// f and ∂f/∂φ from an objective in θ.
    func evaluate(_ phi: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> (value: Double, gradient: [Double]) {
        let (value, g) = objective(original(phi))
        var gradient = g
        let k = outputs, p = scales.count
        for j in 0..<p {
            for c in 0..<k {
                let interceptPart = fitIntercept ? means[j] * g[p * k + c] : 0
                gradient[j * k + c] = (g[j * k + c] - interceptPart) / scales[j]
            }
        }
        return (value, gradient)
    }
}
