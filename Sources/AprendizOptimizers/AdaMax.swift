import AprendizAutodiff
import AprendizTensor

/// AdaMax, Adam with the infinity norm (§6.4.4, Algorithm 7; Kingma & Ba 2015, §7.1).
///
/// ```
/// t ← t + 1
/// g ← g + λθ
/// m ← β₁m + (1 − β₁)g
/// u ← max(β₂u, |g| + ε)             (Algorithm 7: max(β₂u, |g|))
/// θ ← θ − (η/(1 − β₁ᵗ)) m/u
/// ```
/// The ε inside the max follows PyTorch: with Algorithm 7's u a parameter whose gradients have all
/// been 0 gets 0/0. Defaults: η = 0.002 (the paper), β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch).
public struct AdaMaxRule: UpdateRule {
    /// The learning rate η used when none is given: 0.002 (`AdaMax(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.002

    /// β₁: decay rate of the first-moment (gradient mean) average.
    public let beta1: Float
    /// β₂: decay rate of the infinity-norm average u.
    public let beta2: Float
    /// ε: added to the denominator so it is never 0.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        HyperParameter.checkOpen(beta1, below: 1, "beta1", of: "AdaMax")
        HyperParameter.checkOpen(beta2, below: 1, "beta2", of: "AdaMax")
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: "AdaMax")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "AdaMax")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["exp_avg", "exp_inf"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("AdaMax", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       AdaMaxKernel(b1: beta1, b2: beta2, epsilon: epsilon, lambda: weightDecay,
                                    stepSize: eta / (1 - power(beta1, state.step))))
    }
}

/// AdaMax's per-element step; m is flushed to zero when subnormal (u ≥ ε never is).
struct AdaMaxKernel: ElementwiseUpdate {
    let b1: Float, b2: Float, epsilon: Float, lambda: Float, stepSize: Float
    var bufferCount: Int { 2 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ m: inout L, _ norm: inout L) -> L {
        let gi = g + lambda * theta
        m = (b1 * m + (1 - b1) * gi).flushed
        norm = L.maximum(b2 * norm, gi.absolute + epsilon)
        return theta - stepSize * m / norm
    }
}

/// AdaMax (Algorithm 7) — see ``AdaMaxRule``.
public typealias AdaMax = ParameterOptimizer<AdaMaxRule>

extension ParameterOptimizer where Rule == AdaMaxRule {
    /// - Parameters: learningRate η (default 0.002), beta1 β₁ (0.9), beta2 β₂ (0.999), epsilon ε (1e-8),
    ///   weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = AdaMaxRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: AdaMaxRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}
