import AprendizAutodiff
import AprendizTensor
import Foundation

/// Nadam, Adam with Nesterov momentum (§6.4.5, Algorithm 8; Dozat 2016).
///
/// The book's form (default, `momentumDecay: nil`), with μ = β₁ and ν = β₂:
/// ```
/// t ← t + 1
/// g ← g + λθ
/// m ← μm + (1 − μ)g
/// v ← νv + (1 − ν)g ⊙ g
/// m̂ = μm/(1 − μᵗ) + (1 − μ)g/(1 − μᵗ)
/// v̂ = v/(1 − νᵗ)
/// θ ← θ − η m̂/(√v̂ + ε)
/// ```
/// Algorithm 8 writes v̂ = νv/(1 − νᵗ) — the extra ν is a slip (Dozat's paper has none) — and
/// √(v̂ + ε); ε is outside the root here, as in Adam.
///
/// With `momentumDecay: ψ` it is `torch.optim.NAdam` (Dozat's momentum schedule):
/// ```
/// μₜ = β₁(1 − ½·0.96^(tψ)),  Πₜ = μ₁⋯μₜ
/// m ← β₁m + (1 − β₁)g,  v as above
/// θ ← θ − η(1 − μₜ)/(1 − Πₜ) · g/(√v̂ + ε) − η μₜ₊₁/(1 − Πₜμₜ₊₁) · m/(√v̂ + ε)
/// ```
/// PyTorch's default is ψ = 0.004. Defaults: η = 0.002 (Dozat; PyTorch), β₁ = 0.9, β₂ = 0.999,
/// ε = 1e-7 (the book's example).
public struct NadamRule: UpdateRule {
    /// The learning rate η used when none is given: 0.002 (`Nadam(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.002

    /// β₁: decay rate of the first-moment (gradient mean) average.
    public let beta1: Float
    /// β₂: decay rate of the second-moment (squared gradient) average.
    public let beta2: Float
    /// ε: added to the denominator so it is never 0.
    public let epsilon: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float
    /// ψ of PyTorch's momentum schedule, or nil for the book's constant μ.
    public let momentumDecay: Float?

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7, weightDecay: Float = 0,
                momentumDecay: Float? = nil) {
        HyperParameter.checkOpen(beta1, below: 1, "beta1", of: "Nadam")
        HyperParameter.checkOpen(beta2, below: 1, "beta2", of: "Nadam")
        HyperParameter.checkNonNegative(epsilon, "epsilon", of: "Nadam")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "Nadam")
        if let momentumDecay { HyperParameter.checkNonNegative(momentumDecay, "momentum decay", of: "Nadam") }
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
    }

    public var bufferNames: [String] { momentumDecay == nil ? ["exp_avg", "exp_avg_sq"] : ["exp_avg", "exp_avg_sq", "mu_product"] }

    /// Zeroed buffers shaped like `parameter` (one per entry of `bufferNames`).
    public func makeState(for parameter: Tensor) -> ParameterState {
        var buffers = [Tensor.zeros(like: parameter), Tensor.zeros(like: parameter)]
        if momentumDecay != nil { buffers.append(Tensor(1)) }
        return ParameterState(buffers: buffers)
    }

    /// The coefficients of g and m in the update, (a, b) with θ ← θ − η(a·g + b·m)/(√v̂ + ε).
    private func coefficients(_ state: inout ParameterState) -> (gradient: Float, average: Float) {
        let t = state.step
        guard let psi = momentumDecay else {
            let correction = 1 - power(beta1, t)
            return ((1 - beta1) / correction, beta1 / correction)
        }
        func mu(_ step: Int) -> Float { beta1 * Float(1 - 0.5 * pow(0.96, Double(step) * Double(psi))) }
        let muNow = mu(t), muNext = mu(t + 1)
        let product = state.buffers[2].scalar * muNow
        state.buffers[2] = Tensor(product)
        return ((1 - muNow) / (1 - product), muNext / (1 - product * muNext))
    }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        let (a, b) = coefficients(&state)
        UpdateLoop.run("Nadam", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       NadamKernel(b1: beta1, b2: beta2, epsilon: epsilon, lambda: weightDecay, eta: eta, a: a, b: b,
                                   c2: 1 / (1 - power(beta2, state.step))))
    }
}

/// Nadam's per-element step; m, v are flushed to zero when subnormal.
struct NadamKernel: ElementwiseUpdate {
    let b1: Float, b2: Float, epsilon: Float, lambda: Float, eta: Float, a: Float, b: Float, c2: Float
    var bufferCount: Int { 2 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ m: inout L, _ v: inout L) -> L {
        let gi = g + lambda * theta
        L.updateMoments(&m, &v, gradient: gi, beta1: b1, beta2: b2)
        return theta - eta * (a * gi + b * m) / ((v * c2).root + epsilon)
    }
}

/// Nadam (Algorithm 8) — see ``NadamRule``.
public typealias Nadam = ParameterOptimizer<NadamRule>

extension ParameterOptimizer where Rule == NadamRule {
    /// - Parameters: learningRate η (default 0.002), beta1 μ (0.9), beta2 ν (0.999), epsilon ε (1e-7),
    ///   weightDecay λ (default 0), momentumDecay ψ (nil: the book's form; 0.004: PyTorch's).
    public convenience init(parameters: [Variable], learningRate: Float = NadamRule.defaultLearningRate, beta1: Float = 0.9,
                            beta2: Float = 0.999, epsilon: Float = 1e-7, weightDecay: Float = 0,
                            momentumDecay: Float? = nil, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: NadamRule(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
                                  momentumDecay: momentumDecay))
    }
}
