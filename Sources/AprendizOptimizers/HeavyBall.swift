import AprendizAutodiff
import AprendizTensor

/// Polyak's heavy-ball method (§6.3.1, eq. 6.14; Polyak 1964).
///
/// ```
/// g    ← g + λθ
/// θₜ₊₁ = θₜ − ηg + β(θₜ − θₜ₋₁)        (θ₋₁ = θ₀: the first step is plain gradient descent)
/// ```
/// The state is the previous parameter value θₜ₋₁ (`previous`), as the formula is written. With
/// constant η the iterates equal Rumelhart's form (``MomentumRule`` with α = β); Polyak's choice of
/// β from the Hessian's extreme eigenvalues, β = ((√M − √m)/(√M + √m))², is
/// ``PolyakMomentum/optimalParameters(hessian:)``. Defaults: η = 0.001, β = 0.9.
public struct HeavyBallRule: UpdateRule {
    /// The learning rate η used when none is given: 0.001 (`HeavyBall(parameters:)`, `aprendiz train --optimizer`).
    public static let defaultLearningRate: Float = 0.001

    /// β, the weight of the previous displacement θₜ − θₜ₋₁.
    public let beta: Float
    /// λ of the coupled L2 weight decay.
    public let weightDecay: Float

    /// The rule with these hyper-parameters (defaults above); an invalid value stops with a message naming it.
    public init(beta: Float = 0.9, weightDecay: Float = 0) {
        HyperParameter.checkOpen(beta, below: 1, "beta", of: "HeavyBall")
        HyperParameter.checkNonNegative(weightDecay, "weight decay", of: "HeavyBall")
        self.beta = beta
        self.weightDecay = weightDecay
    }

    public var bufferNames: [String] { ["previous"] }

    /// θ₋₁ = θ₀: no displacement before the first step.
    public func makeState(for parameter: Tensor) -> ParameterState {
        ParameterState(buffers: [parameter.mapped(CopyKernel())])
    }

    public func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate eta: Float) {
        state.step += 1
        UpdateLoop.run("HeavyBall", parameter: &parameter, gradient: gradient, buffers: &state.buffers,
                       HeavyBallKernel(beta: beta, lambda: weightDecay, eta: eta))
    }
}

/// The heavy-ball per-element step; the buffer holds the previous θ.
struct HeavyBallKernel: ElementwiseUpdate {
    let beta: Float, lambda: Float, eta: Float
    var bufferCount: Int { 1 }
    @inline(__always) func apply<L: UpdateLane>(_ theta: L, _ g: L, _ previous: inout L, _ unused: inout L) -> L {
        let next = theta - eta * (g + lambda * theta) + beta * (theta - previous)
        previous = theta
        return next
    }
}

/// A fresh copy of a tensor's elements (so the state never shares storage with the parameter).
struct CopyKernel: UnaryKernel {
    func callAsFunction(_ x: Float) -> Float { x }
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x }
}

/// Polyak's heavy-ball momentum (eq. 6.14) — see ``HeavyBallRule``.
public typealias HeavyBall = ParameterOptimizer<HeavyBallRule>

extension ParameterOptimizer where Rule == HeavyBallRule {
    /// - Parameters: learningRate η (default 0.001), beta β (default 0.9), weightDecay λ (default 0).
    public convenience init(parameters: [Variable], learningRate: Float = HeavyBallRule.defaultLearningRate, beta: Float = 0.9,
                            weightDecay: Float = 0, schedule: LearningRateSchedule = .constant) {
        self.init(parameters: parameters, learningRate: learningRate, schedule: schedule,
                  rule: HeavyBallRule(beta: beta, weightDecay: weightDecay))
    }
}
