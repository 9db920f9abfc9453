import AprendizAutodiff
import AprendizTensor

/// RMSProp (§6.4.2, Algorithm 5; Hinton's lecture 6e, 2012).
///
/// ```
/// g ← g + λθ
/// n ← νn + (1 − ν) g ⊙ g            (n₀ = 0)
/// θ ← θ − η g / (√n + ε)
/// ```
/// Algorithm 5 writes √(n + ε); ε outside the root is PyTorch's convention. Defaults: η = 0.001,
/// ν = 0.9, ε = 1e-7 (the book; PyTorch's defaults are η = 0.01, α = ν = 0.99, ε = 1e-8). Unlike
/// AdaGrad the average forgets old gradients, so steps do not shrink for ever. PyTorch's `centered`
/// and `momentum` options are not offered.
public struct RMSPropRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`RMSProp(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// ν, the decay of the running average of g² (PyTorch's `alpha`).
    public let decay: Float
    /// ε, added to √n.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(decay: Float = 0.9, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        HyperParameter.checkOpen(decay, below: 1, "decay", of: "RMSProp")
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: "RMSProp")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "RMSProp")
        self.decay = decay
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["square_avg"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("RMSProp", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       RMSPropKernel(nu: decay, epsilon: epsilon, lambda: weightDecay, eta: eta))
    }
}

/// RMSProp's per-element step; the running average is flushed to zero when subnormal.
struct RMSPropKernel: ElementwiseUpdate {
    let nu: Float, epsilon: Float, lambda: Float, eta: Float
    var bufferCount: Int { 1 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ n: inout L, _ unused: inout L) -> L {
        let gi = g + lambda * theta
        n = (nu * n + (1 - nu) * gi * gi).flushed
        return theta - eta * gi / (n.root + epsilon)
    }
}

/// RMSProp (Algorithm 5) — see ``RMSPropRule``.
public typealias RMSProp = ParameterOptimizer<RMSPropRule>

extension ParameterOptimizer where Rule == RMSPropRule {
    /// - Parameters: learningRate η (default 0.001), decay ν (default 0.9), epsilon ε (default 1e-7),
    ///   weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = RMSPropRule.defaultLearningRate, decay: Float = 0.9,
                            epsilon: Float = 1e-7, weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: RMSPropRule(decay: decay, epsilon: epsilon, weightDecay: weightDecay))
    }
}
