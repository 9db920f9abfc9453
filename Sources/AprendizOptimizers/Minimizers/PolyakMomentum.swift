import AprendizLinearAlgebra
import AprendizTensor

/// Polyak's choice of heavy-ball hyper-parameters from the Hessian (§6.3.1; Polyak 1964).
///
/// For a quadratic with Hessian H whose eigenvalues lie in [m, M] (0 < m ≤ M):
/// ```
/// β = ((√M − √m)/(√M + √m))²       (the book's formula)
/// η = 4/(√M + √m)²                 (Polyak's matching step size)
/// ```
/// Heavy ball then converges at rate (√κ − 1)/(√κ + 1) per step, κ = M/m, against
/// (κ − 1)/(κ + 1) for gradient descent with its best step 2/(M + m). M and m are rarely known for a
/// network's loss, which is why Rumelhart's fixed α became the practice.
public enum PolyakMomentum {
    /// The optimal (η, β) for a symmetric positive-definite Hessian of shape [n, n].
    public static func optimalParameters(hessian: Tensor) -> (learningRate: Float, beta: Float) {
        require(hessian.rank == 2 && hessian.count > 0,
                "PolyakMomentum.optimalParameters: expected a square matrix, got shape \(hessian.shape)")
        let eigenvalues = LinearAlgebra.eigh(hessian).eigenvalues.scalars.map(Double.init)  // ascending
        let smallest = eigenvalues.first!, largest = eigenvalues.last!
        require(smallest > 0, "PolyakMomentum.optimalParameters: the Hessian is not positive definite (smallest eigenvalue \(smallest))")
        let (rootM, rootm) = (largest.squareRoot(), smallest.squareRoot())
        let beta = ((rootM - rootm) / (rootM + rootm)) * ((rootM - rootm) / (rootM + rootm))
        return (Float(4 / ((rootM + rootm) * (rootM + rootm))), Float(beta))
    }

    /// A heavy-ball minimizer with Polyak's (η, β) for this Hessian.
    public static func minimizer(hessian: Tensor, epochs: Int = 100, tolerance: Float = 1e-6) -> RuleMinimizer<HeavyBallRule> {
        let (eta, beta) = optimalParameters(hessian: hessian)
        return RuleMinimizer(rule: HeavyBallRule(beta: beta), learningRate: eta, epochs: epochs, tolerance: tolerance)
    }
}
