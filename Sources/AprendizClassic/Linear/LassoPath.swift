import AprendizTensor
import Foundation

/// The regularisation path of the lasso or elastic net (§12.5–12.6; scikit-learn's `lasso_path`/`enet_path`):
/// the coefficients for a grid of α from α_max, where every coefficient is zero, down to ε·α_max,
/// each fit warm-started from the previous one — the data of the figure of coefficients against α.
/// ```
/// α_max = max_j |Xcⱼᵀyc| / (n·ρ),   αₖ log-spaced from α_max down to ε·α_max
/// ```
/// - Parameters: `count` α values (default 100), `epsilon` (default 10⁻³), ρ = `l1Ratio` (default 1: lasso).
/// - Returns: the α values (decreasing) and the coefficients `[count, features]` (row k for αₖ).
public func lassoPath(_ x: Tensor, _ y: Tensor, l1Ratio: Double = 1, count: Int = 100, epsilon: Double = 1e-3,
                      tolerance: Double = 1e-4, maximumIterations: Int = 1000) throws(ClassicError) -> (alphas: [Double], coefficients: Tensor) {
    let name = "lassoPath"
    try checkHyperParameter(l1Ratio > 0 && l1Ratio <= 1, name, "l1Ratio", l1Ratio, "in (0, 1]")
    try checkHyperParameter(count >= 1, name, "count", count, "≥ 1")
    try checkHyperParameter(epsilon > 0 && epsilon < 1, name, "epsilon", epsilon, "in (0, 1)")
    try InputValidation.featuresAndTargets(x, y, for: name)
    let data = CenteredData(x, y, fitIntercept: true)
    let n = Double(data.x.rows), problem = CoordinateDescent.Problem(data.x, data.y)
    let alphaMax = problem.xty.map(abs).max()! / (n * l1Ratio)
    let alphas = (0..<count).map { k in
        count == 1 ? alphaMax : alphaMax * pow(epsilon, Double(k) / Double(count - 1))
    }
    let solver = CoordinateDescent(tolerance: tolerance, maximumIterations: maximumIterations)
    var w: [Double]? = nil, rows: [Float] = []
    for alpha in alphas {
        w = solver.solve(problem, l1: n * alpha * l1Ratio, l2: n * alpha * (1 - l1Ratio), start: w).w
        rows += w!.map(Float.init)
    }
    return (alphas, Tensor(shape: [count, data.x.columns], scalars: rows))
}
