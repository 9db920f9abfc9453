import AprendizAutodiff
import AprendizTensor

/// The book's `GradientDescent` class (§6.1.2, eq. 6.1, Algorithm 1): minimizes a function and
/// returns the minimum and the path.
///
/// ```
/// repeat (at most `epochs` times):
///     g ← ∇f(θ)
///     stop if ‖g‖ < tolerance
///     θ ← θ − ηg
/// ```
/// The book's listing writes `self.ip - self.lr * (-grad)`, which climbs; this descends.
/// Defaults as the listing: η = 0.001, 100 epochs, tolerance 1e-6.
public struct GradientDescent: FunctionMinimizer {
    /// The learning rate η used when none is given: 0.001, the book's listing (`aprendiz minimize --optimizer gd`).
    public static let defaultLearningRate: Float = 0.001

    /// The step size η.
    public let learningRate: Float
    /// The most steps taken.
    public let epochs: Int
    /// Stop when the gradient norm ‖∇f‖ falls below this.
    public let tolerance: Float

    /// A minimizer with these settings; invalid values stop with a message naming them.
    public init(learningRate: Float = defaultLearningRate, epochs: Int = 100, tolerance: Float = 1e-6) {
        HyperParameter.checkNonNegative(learningRate, "learning rate", of: "GradientDescent")
        require(epochs >= 0, "GradientDescent: invalid number of epochs \(epochs)")
        self.learningRate = learningRate
        self.epochs = epochs
        self.tolerance = tolerance
    }

    public func minimize(_ function: (Variable) -> Variable, from start: Tensor) -> MinimizationResult {
        RuleMinimizer(rule: SGDRule(), learningRate: learningRate, epochs: epochs, tolerance: tolerance)
            .minimize(function, from: start)
    }
}

/// Nesterov accelerated gradient exactly as Algorithm 3 (§6.3.4, eq. 6.17): the gradient is
/// evaluated at the look-ahead point.
///
/// ```
/// g ← ∇f(θ − ημm)
/// m ← μm + g
/// θ ← θ − ηm
/// ```
/// Defaults: η = 0.001, μ = 0.9. The parameter optimizer ``NAG`` uses the equivalent form that
/// needs the gradient at θ only.
public struct NesterovMinimizer: FunctionMinimizer {
    /// The learning rate η used when none is given: 0.001, the same as ``NAGRule/defaultLearningRate``.
    public static let defaultLearningRate: Float = NAGRule.defaultLearningRate

    /// The step size η.
    public let learningRate: Float
    /// μ, the weight of the previous velocity.
    public let momentum: Float
    /// The most steps taken.
    public let epochs: Int
    /// Stop when the gradient norm ‖∇f‖ falls below this.
    public let tolerance: Float

    /// A minimizer with these settings; invalid values stop with a message naming them.
    public init(learningRate: Float = defaultLearningRate, momentum: Float = 0.9, epochs: Int = 100, tolerance: Float = 1e-6) {
        HyperParameter.checkNonNegative(learningRate, "learning rate", of: "NesterovMinimizer")
        HyperParameter.checkOpen(momentum, below: 1, "momentum", of: "NesterovMinimizer")
        self.learningRate = learningRate
        self.momentum = momentum
        self.epochs = epochs
        self.tolerance = tolerance
    }

    public func minimize(_ function: (Variable) -> Variable, from start: Tensor) -> MinimizationResult {
        var m = Tensor.zeros(like: start)
        let eta = learningRate, mu = momentum
        return MinimizationLoop.run(function, from: start, epochs: epochs, tolerance: tolerance) { point, _ in
            let lookAhead = point - m * (eta * mu)
            let g = valueWithGradient(of: function, at: lookAhead).gradient
            m = m * mu + g
            point = point - m * eta
        }
    }
}
