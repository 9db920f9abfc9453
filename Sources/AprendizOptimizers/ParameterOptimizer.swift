import AprendizAutodiff
import AprendizTensor

/// Applies an ``UpdateRule`` to every parameter of a model: the shell behind ``SGD``, ``Adam`` and
/// the other optimizers of chapter 6.
///
/// ```
/// for each parameter θᵢ with a gradient gᵢ:
///     (θᵢ, stateᵢ) ← rule(gᵢ, θᵢ, stateᵢ, ηₜ)        ηₜ = schedule(η, t)
/// t ← t + 1
/// ```
/// Per-parameter state is created on the parameter's first update (PyTorch does the same), so
/// parameters that never receive a gradient cost nothing. Parameters without a gradient are skipped.
public final class ParameterOptimizer<Rule: UpdateRule>: ScheduledOptimizer {
    /// The parameters this optimizer updates, in order.
    public let parameters: [Variable]
    /// The base learning rate η.
    public var learningRate: Float {
        didSet { HyperParameter.checkNonNegative(learningRate, "learning rate", of: "\(Rule.self)") }
    }
    /// How η changes with the step (default constant).
    public var schedule: LearningRateSchedule
    /// The update rule and its hyper-parameters.
    public var rule: Rule
    /// Updates applied so far.
    public private(set) var iterations = 0
    private var states: [ParameterState?]

    /// - Parameters:
    ///   - parameters: the variables to update (a model's `parameters()`).
    ///   - learningRate: η, ≥ 0.
    ///   - schedule: how η changes with the step.
    ///   - rule: the update rule.
    public init(parameters: [Variable], learningRate: Float, schedule: LearningRateSchedule = .constant, rule: Rule) {
        HyperParameter.checkNonNegative(learningRate, "learning rate", of: "\(Rule.self)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.schedule = schedule
        self.rule = rule
        states = Array(repeating: nil, count: parameters.count)
    }

    /// The learning rate the next ``step()`` will use.
    public var currentLearningRate: Float { schedule.learningRate(base: learningRate, step: iterations) }

    public func step() {
        let eta = currentLearningRate
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }
            if states[index] == nil { states[index] = rule.makeState(for: parameter.value) }
            rule.update(parameter: &parameter.value, gradient: gradient, state: &states[index]!, learningRate: eta)
        }
        iterations += 1
    }

    /// The state of parameter `index` (nil before its first update).
    public func state(ofParameter index: Int) -> ParameterState? { states[index] }

    public func stateTensors() -> [String: Tensor] {
        OptimizerStateKeys.encode(iterations: iterations, states: states, names: rule.bufferNames)
    }

    public func loadState(_ tensors: [String: Tensor]) throws {
        let decoded = try OptimizerStateKeys.decode(tensors, parameters: parameters.map(\.value),
                                                    template: rule.makeState(for:), names: rule.bufferNames)
        iterations = decoded.iterations
        states = decoded.states
    }
}
