import AprendizAutodiff
import AprendizTensor
import CAprendizSIMD

/// Adam, adaptive moment estimation (§6.4.3, Algorithm 6; Kingma & Ba 2015).
///
/// ```
/// t ← t + 1
/// g ← g + λθ                                (coupled L2 weight decay; see AdamW for decoupled)
/// m ← β₁m + (1 − β₁)g
/// v ← β₂v + (1 − β₂)g ⊙ g
/// m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
/// θ ← θ − η m̂/(√v̂ + ε)
/// ```
/// Defaults: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (the book; PyTorch uses ε = 1e-8), ε outside
/// the root as in Algorithm 6 and PyTorch. The default choice for most networks. Moments that decay
/// below the smallest normal Float are flushed to zero (see `UpdateVector.flushed`).
public struct AdamRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`Adam(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// β₁: decay rate of the first-moment (gradient mean) average.
    public let beta1: Float
    /// β₂: decay rate of the second-moment (squared gradient) average.
    public let beta2: Float
    /// ε: added to the denominator so it is never 0.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay (added to the gradient).
    public let weightDecay: Float
    /// λ of the decoupled weight decay θ ← θ(1 − ηλ) (set by ``AdamWRule``).
    let decoupledWeightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.init(name: "Adam", beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decoupled: 0)
    }

    init(name: String, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float, decoupled: Float) {
        HyperParameter.checkOpen(beta1, below: 1, "beta1", of: name)
        HyperParameter.checkOpen(beta2, below: 1, "beta2", of: name)
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: name)
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: name)
        HyperParameter.checkNonNegative(decoupled, "weight decay", of: name)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        decoupledWeightDecay = decoupled
    }

    public var bufferNames: [String] { ["exp_avg", "exp_avg_sq"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        let step = aprendiz_adam_step(beta1: beta1, beta2: beta2, epsilon: epsilon, lambda: weightDecay, eta: eta,
                                      c1: 1 / (1 - power(beta1, state.step)), c2: 1 / (1 - power(beta2, state.step)),
                                      shrink: 1 - eta * decoupledWeightDecay)
        // The per-element step is the C kernel `aprendiz_adam_update` (CAprendizSIMD), which runs at
        // the CPU's vector width whatever target this module was compiled for.
        withUnsafePointer(to: step) { coefficients in
            UpdateLoop.run("Adam", parameter: &parameter, gradient: gradient, buffers: &state.buffers, bufferCount: 2) { u in
                KernelPartition.forEachChunk(u.count) { start, end in
                    aprendiz_adam_update(end - start, u.parameter + start, u.gradient + start, u.first + start,
                                         u.second + start, coefficients)
                }
            }
        }
    }
}

/// Adam (Algorithm 6) — see ``AdamRule``.
public typealias Adam = ParameterOptimizer<AdamRule>

extension ParameterOptimizer where Rule == AdamRule {
    /// - Parameters: learningRate η (default 0.001), beta1 β₁ (0.9), beta2 β₂ (0.999), epsilon ε (1e-7),
    ///   weightDecay λ (coupled L2, default 0).
    public convenience init(parameters: [Variable], learningRate: Float = AdamRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-7, weightDecay: Float = 0,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: AdamRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}

extension UpdateLane {
    /// Adam's moment estimates (shared by Nadam and RAdam): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
    /// each flushed to zero when subnormal.
    @inline(__always) static func updateMoments(_ m: inout Self, _ v: inout Self, gradient g: Self, beta1: Float, beta2: Float) {
        m = (beta1 * m + (1 - beta1) * g).flushed
        v = (beta2 * v + (1 - beta2) * g * g).flushed
    }
}
