import AprendizAutodiff
import AprendizTensor

/// Stochastic gradient descent, with optional momentum, Nesterov momentum and L2 weight decay
/// (eq. 6.1, §6.1.2 and §6.3; `torch.optim.SGD` without dampening).
///
/// ```
/// g ← g + λθ                      (weight decay λ, coupled: L2 in the loss)
/// b ← μb + g                      (momentum μ > 0; b₀ = 0, so b₁ = g)
/// d ← g + μb if nesterov, else b  (d = g when μ = 0)
/// θ ← θ − ηd
/// ```
/// With μ = 0 this is the book's eq. 6.1, θ ← θ − η∇L(θ) (the book's listing writes
/// `lr * (-grad)`, which climbs; this descends). Stochastic, mini-batch or full-batch descent
/// (§6.3.2–6.3.3) differ only in how many examples the gradient averages — the data loader's
/// batch size. With μ > 0 this is PyTorch's velocity form of momentum, b = −Δθ/η; the book's
/// Rumelhart form is ``Momentum``, Polyak's is ``HeavyBall``. `nesterov: true` is the parameter
/// form of NAG (§6.3.4), see ``NAG``.
public struct SGDRule: UpdateRule {
    /// The learning rate η used when none is given: 0.01 (`SGD(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.01

    /// μ (0 = plain gradient descent).
    public let momentum: Float
    /// Whether to use Nesterov momentum (requires μ > 0).
    public let nesterov: Bool
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        HyperParameter.checkOpen(momentum, below: 1, "momentum", of: "SGD")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "SGD")
        require(!nesterov || momentum > 0, "SGD: Nesterov momentum requires momentum > 0 (got \(momentum))")
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { momentum > 0 ? ["momentum_buffer"] : [] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        let kernel = SGDKernel(mu: momentum, lambda: weightDecay, eta: eta, nesterov: nesterov, bufferCount: bufferNames.count)
        UpdateLoop.run("SGD", parameter: &parameter, gradient: gradient, buffers: &state.buffers, kernel)
    }
}

/// SGD's per-element step: plain, with momentum (buffer flushed to zero when subnormal), or Nesterov.
struct SGDKernel: ElementwiseUpdate {
    let mu: Float, lambda: Float, eta: Float, nesterov: Bool
    let bufferCount: Int
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ b: inout L, _ unused: inout L) -> L {
        let gi = g + lambda * theta
        guard bufferCount > 0 else { return theta - eta * gi }
        b = (mu * b + gi).flushed
        return theta - eta * (nesterov ? gi + mu * b : b)
    }
}

/// Stochastic gradient descent (eq. 6.1) — see ``SGDRule`` for the update and its options.
public typealias SGD = ParameterOptimizer<SGDRule>

extension ParameterOptimizer where Rule == SGDRule {
    /// - Parameters:
    ///   - parameters: the variables to update.
    ///   - learningRate: η (default 0.01, as Keras and PyTorch's examples).
    ///   - momentum: μ in [0, 1) (default 0).
    ///   - nesterov: Nesterov momentum (default false).
    ///   - weightDecay: coupled L2 factor λ (default 0).
    ///   - schedule: the learning-rate schedule (default `.constant`).
    public convenience init(parameters: [Variable], learningRate: Float = SGDRule.defaultLearningRate, momentum: Float = 0,
                            nesterov: Bool = false, weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: SGDRule(momentum: momentum, nesterov: nesterov, weightDecay: weightDecay))
    }
}
