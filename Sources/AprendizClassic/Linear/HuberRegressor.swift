import AprendizTensor
import Foundation

/// Huber regression (§12.9; scikit-learn's `HuberRegressor`, Owen 2007): a linear model robust to outliers,
/// with chapter 10's Huber loss on residuals scaled by a jointly estimated σ:
/// ```
/// minimise over w, b, σ > 0:  Σᵢ [σ + H_ε((yᵢ − xᵢw − b)/σ)·σ] + α‖w‖²
/// H_ε(z) = z² if |z| < ε,   2ε|z| − ε² otherwise
/// ```
/// Residuals beyond ε·σ count linearly (outliers), the others quadratically. Solved by L-BFGS over
/// (w, b, log σ) (scikit-learn uses L-BFGS-B with the bound σ > 0). Defaults as scikit-learn: ε = 1.35,
/// α = 10⁻⁴, intercept fitted.
public struct HuberRegressor: Estimator, Equatable, Codable {
    public static let name = "HuberRegressor"
    /// ε > 1: where the loss turns linear, in units of σ (default 1.35, 95 % efficiency on normal noise).
    public var epsilon: Double
    /// α ≥ 0: the L2 penalty (default 10⁻⁴).
    public var alpha: Double
    /// Whether to fit b (default true).
    public var fitIntercept: Bool
    /// Gradient tolerance of the solver (default 10⁻⁸ on the loss divided by n).
    public var tolerance: Double
    /// Maximum L-BFGS iterations (default 1 000).
    public var maximumIterations: Int

    /// Validates and stores the hyper-parameters.
    public init(epsilon: Double = 1.35, alpha: Double = 1e-4, fitIntercept: Bool = true, tolerance: Double = 1e-8,
                maximumIterations: Int = 1000) throws(ClassicError) {
        self.epsilon = epsilon
        self.alpha = alpha
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(epsilon > 1, Self.name, "epsilon", epsilon, "> 1")
        try checkHyperParameter(alpha >= 0 && alpha.isFinite, Self.name, "alpha", alpha, "a finite number ≥ 0")
        try checkHyperParameter(tolerance > 0, Self.name, "tolerance", tolerance, "> 0")
        try checkHyperParameter(maximumIterations >= 1, Self.name, "maximumIterations", maximumIterations, "≥ 1")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let matrix = DenseMatrix(x), targets = y.scalars.map(Double.init), p = matrix.columns
        // θ = (w, b, log σ); start from w = 0, b = 0, σ = 1 as scikit-learn.
        let start = [Double](repeating: 0, count: p + 2)
        let solver = LBFGS(maximumIterations: maximumIterations, gradientTolerance: tolerance)
        let theta = solver.minimize(from: start) { objective($0, matrix, targets) }.x
        return LinearModel(coefficients: Tensor(theta[0..<p].map(Float.init)), intercept: Float(fitIntercept ? theta[p] : 0),
                           estimator: Self.name,
                           hyperParameters: ["epsilon": "\(epsilon)", "alpha": "\(alpha)", "fitIntercept": "\(fitIntercept)",
                                             "scale": "\(exp(theta[p + 1]))"])
    }

    /// The objective divided by n and its gradient (scikit-learn's `_huber_loss_and_gradient`, chain rule for log σ).
    private func objective(_ theta: [Double], _ x: DenseMatrix, _ y: [Double]) -> (value: Double, gradient: [Double]) {
        let p = x.columns, n = Double(x.rows), w = Array(theta[0..<p])
        let b = fitIntercept ? theta[p] : 0, sigma = exp(theta[p + 1])
        let predicted = x.times(w)
        var loss = n * sigma + alpha * dot(w, w), residualWeight = [Double](repeating: 0, count: x.rows)
        var dSigma = n, dIntercept = 0.0
        for i in 0..<x.rows {
            let r = y[i] - predicted[i] - b
            if abs(r) > epsilon * sigma {
                loss += 2 * epsilon * abs(r) - sigma * epsilon * epsilon
                residualWeight[i] = -2 * epsilon * (r > 0 ? 1 : -1)
                dSigma -= epsilon * epsilon
            } else {
                loss += r * r / sigma
                residualWeight[i] = -2 * r / sigma
                dSigma -= r * r / (sigma * sigma)
            }
            dIntercept += residualWeight[i]
        }
        var gradient = x.transposeTimes(residualWeight)
        for j in 0..<p { gradient[j] += 2 * alpha * w[j] }
        gradient.append(fitIntercept ? dIntercept : 0)
        gradient.append(dSigma * sigma)
        return (loss / n, gradient.map { $0 / n })
    }
}
