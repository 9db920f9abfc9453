import AprendizAutodiff
import AprendizTensor

/// AdaGrad, the adaptive gradient algorithm (§6.4.1, Algorithm 4; Duchi, Hazan & Singer 2011).
///
/// ```
/// g ← g + λθ
/// n ← n + g ⊙ g                     (n₀ = 0)
/// θ ← θ − η g / (√n + ε)
/// ```
/// Algorithm 4 writes √(n + ε); ε outside the root is PyTorch's and Keras's convention (the
/// difference only matters while n ≈ ε). Defaults: η = 0.01, ε = 1e-7 (the book's listing;
/// PyTorch uses ε = 1e-10). Rarely seen features keep large steps; the step shrinks for ever as n
/// grows, so AdaGrad suits convex and sparse problems more than long network training.
public struct AdaGradRule: UpdateRule {
    /// The learning rate η used when none is given: 0.01 (`AdaGrad(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.01

    /// ε, added to √n to avoid division by zero.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(epsilon: Float = 1e-7, weightDecay: Float = 0) {
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: "AdaGrad")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "AdaGrad")
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["sum"] }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("AdaGrad", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       AdaGradKernel(epsilon: epsilon, lambda: weightDecay, eta: eta))
    }
}

/// AdaGrad's per-element step.
struct AdaGradKernel: ElementwiseUpdate {
    let epsilon: Float, lambda: Float, eta: Float
    var bufferCount: Int { 1 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ n: inout L, _ unused: inout L) -> L {
        let gi = g + lambda * theta
        n = n + gi * gi
        return theta - eta * gi / (n.root + epsilon)
    }
}

/// AdaGrad (Algorithm 4) — see ``AdaGradRule``.
public typealias AdaGrad = ParameterOptimizer<AdaGradRule>

extension ParameterOptimizer where Rule == AdaGradRule {
    /// - Parameters: learningRate η (default 0.01), epsilon ε (default 1e-7), weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = AdaGradRule.defaultLearningRate, epsilon: Float = 1e-7,
                            weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: AdaGradRule(epsilon: epsilon, weightDecay: weightDecay))
    }
}
