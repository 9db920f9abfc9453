import AprendizAutodiff
import AprendizTensor

/// AdamW, Adam with decoupled weight decay (§6.4.6, Algorithm 9; Loshchilov & Hutter 2019).
///
/// ```
/// θ ← θ − ηλθ                      (decay applied to the parameter, not added to g)
/// m, v, m̂, v̂ as in Adam (g without the decay term)
/// θ ← θ − η m̂/(√v̂ + ε)
/// ```
/// Algorithm 9 writes √(v̂ + ε) and applies both terms from θₜ₋₁; this follows PyTorch
/// (`torch.optim.AdamW`): ε outside the root, decay first. Defaults: η = 0.001, β₁ = 0.9,
/// β₂ = 0.999, λ = 0.01, ε = 1e-8 (Algorithm 9's example values). With Adam's L2 decay the decay is
/// rescaled by 1/√v̂ and weights with large gradients are barely regularised; decoupling keeps η and
/// λ independent.
public struct AdamWRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`AdamW(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// The Adam update with the decoupled decay built in.
    public let adam: AdamRule

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        adam = AdamRule(name: "AdamW", beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: 0, decoupled: weightDecay)
    }

    /// λ, the decoupled weight decay.
    public var weightDecay: Float { adam.decoupledWeightDecay }

    public var bufferNames: [String] { adam.bufferNames }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate: Float) {
        adam.update(parameter: &parameter, gradient: gradient, state: &state, learningRate: learningRate)
    }
}

/// AdamW (Algorithm 9) — see ``AdamWRule``.
public typealias AdamW = ParameterOptimizer<AdamWRule>

extension ParameterOptimizer where Rule == AdamWRule {
    /// - Parameters: learningRate η (default 0.001), beta1 β₁ (0.9), beta2 β₂ (0.999), epsilon ε (1e-8),
    ///   weightDecay λ (decoupled, default 0.01).
    public convenience init(parameters: [Variable], learningRate: Float = AdamWRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: AdamWRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}
