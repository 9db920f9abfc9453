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
        let b1 = beta1, b2 = beta2, epsilon = epsilon, lambda = weightDecay
        let stepSize = eta / (1 - power(beta1, state.step))
        UpdateLoop.run("AdaMax", parameter: &parameter, gradient: gradient, buffers: &state.buffers, bufferCount: 2) { u in
            let p = u.parameter, g = u.gradient, m = u.first, norm = u.second
            for i in 0..<u.count {
                let gi = g[i] + lambda * p[i]
                let mi = b1 * m[i] + (1 - b1) * gi
                let ui = Swift.max(b2 * norm[i], Swift.abs(gi) + epsilon)
                m[i] = mi
                norm[i] = ui
                p[i] -= stepSize * mi / ui
            }
        }
    }
}

/// AdaMax (Algorithm 7) — see ``AdaMaxRule``.
public typealias AdaMax = ParameterOptimizer<AdaMaxRule>

extension ParameterOptimizer where Rule == AdaMaxRule {
    /// - Parameters: learningRate η (default 0.002), beta1 β₁ (0.9), beta2 β₂ (0.999), epsilon ε (1e-8),
    ///   weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = 0.002, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: AdaMaxRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}
