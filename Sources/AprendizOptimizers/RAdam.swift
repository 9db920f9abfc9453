import AprendizAutodiff
import AprendizTensor
import Foundation

/// RAdam, rectified Adam (§6.4.7; Liu et al. 2020), as `torch.optim.RAdam`.
///
/// ```
/// t ← t + 1
/// g ← g + λθ
/// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g ⊙ g
/// ρ∞ = 2/(1 − β₂) − 1,  ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
/// if ρₜ > 5:  r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///             θ ← θ − η r · m/(1 − β₁ᵗ) · √(1 − β₂ᵗ)/(√v + ε)
/// else:       θ ← θ − η m/(1 − β₁ᵗ)                 (too few steps to trust v: momentum SGD)
/// ```
/// The rectifier r removes the large variance of Adam's adaptive rate in the first steps, so no
/// warm-up is needed. Defaults: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch).
public struct RAdamRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`RAdam(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// β₁: decay rate of the first-moment (gradient mean) average.
    public let beta1: Float
    /// β₂: decay rate of the second-moment (squared gradient) average.
    public let beta2: Float
    /// ε: added to the denominator so it is never 0.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        HyperParameter.checkOpen(beta1, below: 1, "beta1", of: "RAdam")
        HyperParameter.checkOpen(beta2, below: 1, "beta2", of: "RAdam")
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: "RAdam")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "RAdam")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["exp_avg", "exp_avg_sq"] }

    /// The rectifier r at step t, or nil while ρₜ ≤ 5.
    func rectifier(step t: Int) -> Float? {
        let b2 = Double(beta2), b2t = pow(b2, Double(t))
        let rhoInfinity = 2 / (1 - b2) - 1
        let rho = rhoInfinity - 2 * Double(t) * b2t / (1 - b2t)
        guard rho > 5 else { return nil }
        return Float(((rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)).squareRoot())
    }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        let rectifier = rectifier(step: state.step)
        UpdateLoop.run("RAdam", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       RAdamKernel(b1: beta1, b2: beta2, epsilon: epsilon, lambda: weightDecay,
                                   stepSize: eta / (1 - power(beta1, state.step)), rectified: rectifier != nil,
                                   adaptive: (rectifier ?? 0) * (1 - power(beta2, state.step)).squareRoot()))
    }
}

/// RAdam's per-element step (rectified or plain momentum by the step); m, v flushed when subnormal.
struct RAdamKernel: ElementwiseUpdate {
    let b1: Float, b2: Float, epsilon: Float, lambda: Float, stepSize: Float, rectified: Bool, adaptive: Float
    var bufferCount: Int { 2 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ m: inout L, _ v: inout L) -> L {
        let gi = g + lambda * theta
        L.updateMoments(&m, &v, gradient: gi, beta1: b1, beta2: b2)
        guard rectified else { return theta - stepSize * m }
        let scale: L = adaptive / (v.root + epsilon)
        return theta - stepSize * m * scale
    }
}

/// RAdam (Liu et al. 2020) — see ``RAdamRule``.
public typealias RAdam = ParameterOptimizer<RAdamRule>

extension ParameterOptimizer where Rule == RAdamRule {
    /// - Parameters: learningRate η (default 0.001), beta1 β₁ (0.9), beta2 β₂ (0.999), epsilon ε (1e-8),
    ///   weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = RAdamRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                            schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: RAdamRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }
}
