import AprendizTensor

/// The state an update rule keeps for one parameter: its step count and named buffers.
///
/// `buffers` follow the rule's ``UpdateRule/bufferNames`` (PyTorch's state names where PyTorch has
/// the optimizer: `exp_avg`, `exp_avg_sq`, `momentum_buffer`, …). Buffers are created lazily, on the
/// parameter's first update, and updated in place afterwards.
public struct ParameterState: Sendable, Equatable {
    /// Updates applied so far (t in the book's algorithms; 1 during the first update).
    public var step: Int
    /// The rule's buffers, in the order of its `bufferNames`.
    public var buffers: [Tensor]

    /// State after `step` updates with the given per-parameter buffers.
    public init(step: Int = 0, buffers: [Tensor]) {
        self.step = step
        self.buffers = buffers
    }
}

/// One optimizer's update rule as a pure function of (gradient, parameter, state) — chapter 6.
///
/// The rule updates one parameter tensor in place from its gradient and its state; an
/// ``ParameterOptimizer`` is the thin shell that applies it to every parameter of a model. Tests
/// and the function minimizers call the rule directly:
///
/// ```swift
/// let rule = AdamRule()
/// var state = rule.makeState(for: theta)
/// rule.update(parameter: &theta, gradient: g, state: &state, learningRate: 0.001)
/// ```
public protocol UpdateRule: Sendable {
    /// The learning rate η the optimizer uses when none is given (SPEC.md's defaults; the one place
    /// each is written — ``OptimizerKind`` and ``MinimizerKind`` read it).
    static var defaultLearningRate: Float { get }
    /// The names of the per-parameter buffers, used as keys when the state is saved.
    var bufferNames: [String] { get }
    /// The state before the first update (zeros of the parameter's shape, by default).
    func makeState(for parameter: Tensor) -> ParameterState
    /// Applies one update in place: increments `state.step`, updates the buffers and the parameter.
    func update(parameter: inout Tensor, gradient: Tensor, state: inout ParameterState, learningRate: Float)
}

extension UpdateRule {
    /// Zeroed buffers shaped like `parameter` (one per entry of `bufferNames`).
    public func makeState(for parameter: Tensor) -> ParameterState {
        ParameterState(buffers: bufferNames.map { _ in Tensor.zeros(like: parameter) })
    }

    /// The updated parameter and state, leaving the arguments untouched (mlx-swift's `applySingle`).
    public func applied(gradient: Tensor, parameter: Tensor, state: ParameterState,
                        learningRate: Float) -> (parameter: Tensor, state: ParameterState) {
        var parameter = parameter, state = state
        update(parameter: &parameter, gradient: gradient, state: &state, learningRate: learningRate)
        return (parameter, state)
    }
}

/// Validation shared by the rules' initialisers: a hyper-parameter outside its range is a
/// programmer error, reported with the optimizer's name and the value.
enum HyperParameter {
    static func check(_ value: Float, in range: ClosedRange<Float>, _ name: String, of optimizer: String) {
        require(value.isFinite && range.contains(value), "\(optimizer): invalid \(name) \(value) (expected \(range))")
    }

    static func checkOpen(_ value: Float, below upper: Float, _ name: String, of optimizer: String) {
        require(value.isFinite && value >= 0 && value < upper, "\(optimizer): invalid \(name) \(value) (expected 0 ≤ \(name) < \(upper))")
    }

    static func checkNonNegative(_ value: Float, _ name: String, of optimizer: String) {
        require(value.isFinite && value >= 0, "\(optimizer): invalid \(name) \(value) (expected ≥ 0)")
    }
}

/// βᵗ in Double, rounded once to Float (bias corrections of Adam and its variants).
func power(_ base: Float, _ exponent: Int) -> Float { Float(Double(base).power(exponent)) }

extension Double {
    fileprivate func power(_ n: Int) -> Double {
        var result = 1.0, base = self, n = n
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }
}
