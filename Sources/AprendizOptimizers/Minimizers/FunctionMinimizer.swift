import AprendizAutodiff
import AprendizTensor

/// Where a minimizer went: the last point, every point visited and f along the way.
public struct MinimizationResult: Sendable {
    /// The last point (the minimum found, if the run converged).
    public let minimum: Tensor
    /// Every point visited, the start first (the book's `path`).
    public let path: [Tensor]
    /// f at each point of ``path``.
    public let values: [Float]
    /// Whether the gradient norm fell below the tolerance (or the point stopped moving).
    public let converged: Bool
    /// Updates applied (``path``.count − 1).
    public var steps: Int { path.count - 1 }
}

/// A method that minimizes a differentiable function of a vector and records its path (§6.1.2).
///
/// The function is written with `Variable` operations, so the gradient (and for Newton's method
/// the Hessian) comes from autodiff; it must return a scalar.
public protocol FunctionMinimizer {
    /// Minimizes `function` from `start`.
    /// - Throws: ``NewtonMethodError`` for Newton's method; the first-order methods do not throw.
    func minimize(_ function: (Variable) -> Variable, from start: Tensor) throws -> MinimizationResult
}

/// The loop every minimizer shares: stop when ‖∇f(x)‖ < tolerance, when x stops moving, or after
/// `epochs` updates; `advance` turns (x, ∇f(x)) into the next x.
enum MinimizationLoop {
    static func run(_ function: (Variable) -> Variable, from start: Tensor, epochs: Int, tolerance: Float,
                    advance: (_ point: inout Tensor, _ gradient: Tensor) throws -> Void) rethrows -> MinimizationResult {
        require(epochs >= 0, "minimize: invalid number of epochs \(epochs)")
        var point = start, path = [start], values: [Float] = [], converged = false
        for epoch in 0...epochs {
            let (value, gradient) = valueWithGradient(of: function, at: point)
            values.append(value)
            if norm(gradient) < tolerance { converged = true; break }
            if epoch == epochs || !value.isFinite { break }
            let previous = point
            try advance(&point, gradient)
            path.append(point)
            if point == previous { converged = true; values.append(value); break }
        }
        return MinimizationResult(minimum: point, path: path, values: values, converged: converged)
    }

    static func norm(_ t: Tensor) -> Float { t.withUnsafeBufferPointer { $0.reduce(0) { $0 + $1 * $1 } }.squareRoot() }
}

/// Any parameter optimizer of chapter 6 run on a function: the point is the one parameter, its
/// gradient comes from autodiff, and every iterate is recorded.
///
/// ```swift
/// let path = RuleMinimizer(rule: AdamRule(), learningRate: 0.05, epochs: 500)
///     .minimize(TestFunction.rosenbrock.callAsFunction, from: Tensor([-1.2, 1]))
/// ```
public struct RuleMinimizer<Rule: UpdateRule>: FunctionMinimizer {
    /// The update rule applied at each step.
    public let rule: Rule
    /// The step size η.
    public let learningRate: Float
    /// How η changes with the step number.
    public let schedule: LearningRateSchedule
    /// The maximum number of updates.
    public let epochs: Int
    /// Stop when ‖∇f‖ falls below this.
    public let tolerance: Float

    /// A minimizer with these settings; invalid values stop with a message naming them.
    public init(rule: Rule, learningRate: Float, schedule: LearningRateSchedule = .constant, epochs: Int = 100,
                tolerance: Float = 1e-6) {
        HyperParameter.checkNonNegative(learningRate, "learning rate", of: "RuleMinimizer")
        require(epochs >= 0, "RuleMinimizer: invalid number of epochs \(epochs)")
        self.rule = rule
        self.learningRate = learningRate
        self.schedule = schedule
        self.epochs = epochs
        self.tolerance = tolerance
    }

    public func minimize(_ function: (Variable) -> Variable, from start: Tensor) -> MinimizationResult {
        var state = rule.makeState(for: start)
        var t = 0
        return MinimizationLoop.run(function, from: start, epochs: epochs, tolerance: tolerance) { point, gradient in
            rule.update(parameter: &point, gradient: gradient, state: &state,
                        learningRate: schedule.learningRate(base: learningRate, step: t))
            t += 1
        }
    }
}
