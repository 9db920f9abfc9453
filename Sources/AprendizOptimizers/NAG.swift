import AprendizAutodiff
import AprendizTensor

/// Nesterov accelerated gradient as a parameter optimizer (§6.3.4, eq. 6.17; Nesterov 1983).
///
/// The book's Algorithm 3 evaluates the gradient at the look-ahead point θ − ημm; a network's
/// gradient is only available at θ, so the parameter optimizer uses the equivalent form with the
/// look-ahead folded into the update (Sutskever et al. 2013; PyTorch `SGD(nesterov=True)`):
/// ```
/// g ← g + λθ
/// v ← μv + g
/// θ ← θ − η(g + μv)
/// ```
/// Defaults: η = 0.001 and μ = 0.9 (the book's listing). The function minimizer
/// ``NesterovMinimizer`` runs Algorithm 3 literally.
public struct NAGRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`NAG(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// The same update as ``SGDRule`` with `nesterov: true`.
    public let sgd: SGDRule

    /// - Parameters: momentum μ in (0, 1) (default 0.9), weightDecay λ (default 0).
    public init(momentum: Float = 0.9, weightDecay: Float = 0) {
        sgd = SGDRule(momentum: momentum, nesterov: true, weightDecay: weightDecay)
    }

    public var bufferNames: [String] { sgd.bufferNames }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate: Float) {
        sgd.update(parameter: &parameter, gradient: gradient, state: &state, learningRate: learningRate)
    }
}

/// Nesterov accelerated gradient (§6.3.4) — see ``NAGRule``.
public typealias NAG = ParameterOptimizer<NAGRule>

extension ParameterOptimizer where Rule == NAGRule {
    /// - Parameters: learningRate η (default 0.001), momentum μ (default 0.9), weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = NAGRule.defaultLearningRate, momentum: Float = 0.9,
                            weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: NAGRule(momentum: momentum, weightDecay: weightDecay))
    }
}
