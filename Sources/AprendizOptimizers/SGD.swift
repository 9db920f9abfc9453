import AprendizAutodiff
import AprendizTensor

/// Plain (stochastic) gradient descent, eq. 6.1 (§6.1.2): θ ← θ − η∇L(θ).
///
/// Stochastic, mini-batch or full-batch descent (§6.3.2–6.3.3) differ only in how many examples the
/// gradient is averaged over — the data loader's batch size — not in this rule.
public final class SGD: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Float

    /// - Parameter learningRate: η (default 0.01, as Keras and PyTorch's examples).
    public init(parameters: [Variable], learningRate: Float = 0.01) {
        precondition(learningRate >= 0 && learningRate.isFinite, "SGD: invalid learning rate \(learningRate)")
        self.parameters = parameters
        self.learningRate = learningRate
    }

    public func step() {
        for p in parameters {
            guard let g = p.grad else { continue }
            p.value -= g * learningRate
        }
    }
}
