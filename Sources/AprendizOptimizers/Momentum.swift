import AprendizAutodiff
import AprendizTensor

/// Gradient descent with momentum in Rumelhart, Hinton & Williams's form (§6.3.1, eq. 6.15,
/// Algorithm 2 and the book's `GradientDescentWithMomentum` listing).
///
/// ```
/// g  ← g + λθ
/// Δθ ← −ηg + αΔθ        (Δθ₀ = 0)
/// θ  ← θ + Δθ
/// ```
/// The state is the previous update Δθ itself (η inside it), unlike PyTorch's velocity form
/// (``SGDRule`` with momentum), whose buffer is Δθ/(−η): the two agree while η is constant and
/// differ once a schedule changes η. Defaults: η = 0.001, α = 0.9 (the book's listing).
public struct MomentumRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`Momentum(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// α, the fraction of the previous update carried over.
    public let momentum: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(momentum: Float = 0.9, weightDecay: Float = 0) {
        HyperParameter.checkOpen(momentum, below: 1, "momentum", of: "Momentum")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "Momentum")
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["delta"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("Momentum", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       MomentumKernel(alpha: momentum, lambda: weightDecay, eta: eta))
    }
}

/// The momentum per-element step; Δ is flushed to zero when subnormal.
struct MomentumKernel: ElementwiseUpdate {
    let alpha: Float, lambda: Float, eta: Float
    var bufferCount: Int { 1 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ delta: inout L, _ unused: inout L) -> L {
        delta = (-eta * (g + lambda * theta) + alpha * delta).flushed
        return theta + delta
    }
}

/// Momentum in Rumelhart's form (eq. 6.15) — see ``MomentumRule``.
public typealias Momentum = ParameterOptimizer<MomentumRule>

extension ParameterOptimizer where Rule == MomentumRule {
    /// - Parameters: learningRate η (default 0.001), momentum α (default 0.9), weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = MomentumRule.defaultLearningRate, momentum: Float = 0.9,
                            weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: MomentumRule(momentum: momentum, weightDecay: weightDecay))
    }
}
