import AprendizAutodiff
import AprendizLinearAlgebra
import AprendizTensor

/// Why Newton's method stopped.
public enum NewtonMethodError: Error, Equatable, CustomStringConvertible {
    /// The Hessian at `point` has no inverse: the Newton step is undefined.
    case singularHessian(point: [Float])

    public var description: String {
        switch self {
        case .singularHessian(let point): "Newton's method: the Hessian is singular at \(point); no Newton step exists there"
        }
    }
}

/// Newton's method for minimization (§6.6, eq. 6.21).
///
/// ```
/// x ← x − H_f(x)⁻¹ ∇f(x)      computed as: solve H_f(x)·d = ∇f(x), then x ← x − d
/// ```
/// The second-order Taylor model (eq. 6.20) is minimized exactly at each step, so a quadratic is
/// solved in one step and convergence near a minimum is quadratic. The gradient and Hessian
/// (eq. 6.19) come from autodiff (double backward). Newton's method looks for a critical point:
/// near a saddle it can walk to the saddle, and each step costs an n×n solve.
/// Defaults: 100 epochs, tolerance 1e-6 on ‖∇f‖.
public struct NewtonMethod: FunctionMinimizer {
    /// The most steps taken.
    public let epochs: Int
    /// Stop when the gradient norm ‖∇f‖ falls below this.
    public let tolerance: Float

    /// A minimizer with these settings; invalid values stop with a message naming them.
    public init(epochs: Int = 100, tolerance: Float = 1e-6) {
        require(epochs >= 0, "NewtonMethod: invalid number of epochs \(epochs)")
        self.epochs = epochs
        self.tolerance = tolerance
    }

    /// - Throws: ``NewtonMethodError/singularHessian(point:)`` when a Hessian cannot be solved.
    public func minimize(_ function: (Variable) -> Variable, from start: Tensor) throws -> MinimizationResult {
        try MinimizationLoop.run(function, from: start, epochs: epochs, tolerance: tolerance) { point, gradient in
            let h = hessian(of: function, at: point)
            guard let step = try? LinearAlgebra.checkedSolve(h, gradient.flattened()) else {
                throw NewtonMethodError.singularHessian(point: point.scalars)
            }
            point = point - step.reshaped(point.shape)
        }
    }
}
