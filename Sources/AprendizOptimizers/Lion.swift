import AprendizAutodiff
import AprendizTensor

/// Lion, evolved sign momentum (§6.4.7; Chen et al. 2023, Algorithm 2).
///
/// ```
/// c ← β₁m + (1 − β₁)g
/// θ ← θ − η(sign(c) + λθ)          (decoupled weight decay, as in the paper)
/// m ← β₂m + (1 − β₂)g
/// ```
/// Every coordinate moves by exactly ±η (0 where c = 0), so Lion needs a learning rate 3–10×
/// smaller than AdamW's. It keeps one buffer instead of Adam's two. Defaults: η = 1e-4, β₁ = 0.9,
/// β₂ = 0.99, λ = 0 (the paper; PyTorch has no Lion).
public struct LionRule: UpdateRule {
    /// The learning rate η used when none is given: 1e-4 (`Lion(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 1e-4

    /// β₁: weight of the momentum in the interpolation c = β₁m + (1 − β₁)g that gives the update sign.
    public let beta1: Float
    /// β₂: decay rate of the momentum m ← β₂m + (1 − β₂)g.
    public let beta2: Float
    /// λ of the decoupled weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.99, weightDecay: Float = 0) {
        HyperParameter.check(beta1, in: 0...1, "beta1", of: "Lion")
        HyperParameter.check(beta2, in: 0...1, "beta2", of: "Lion")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "Lion")
        self.beta1 = beta1
        self.beta2 = beta2
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["exp_avg"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("Lion", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       LionKernel(b1: beta1, b2: beta2, lambda: weightDecay, eta: eta))
    }
}

/// Lion's per-element step; m is flushed to zero when subnormal.
struct LionKernel: ElementwiseUpdate {
    let b1: Float, b2: Float, lambda: Float, eta: Float
    var bufferCount: Int { 1 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ m: inout L, _ unused: inout L) -> L {
        let direction = (b1 * m + (1 - b1) * g).signum
        m = (b2 * m + (1 - b2) * g).flushed
        return theta - eta * (direction + lambda * theta)
    }
}

/// Lion (Chen et al. 2023) — see ``LionRule``.
public typealias Lion = ParameterOptimizer<LionRule>

extension ParameterOptimizer where Rule == LionRule {
    /// - Parameters: learningRate η (default 1e-4), beta1 β₁ (0.9), beta2 β₂ (0.99), weightDecay λ
    ///   (decoupled, default 0).
    public convenience init(parameters: [Variable], learningRate: Float = LionRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.99, weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: LionRule(beta1: beta1, beta2: beta2, weightDecay: weightDecay))
    }
}
