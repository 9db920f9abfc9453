import AprendizTensor

/// A tensor that takes part in reverse-mode automatic differentiation (define-by-run).
///
/// Operations on variables that require gradients record a graph as they run: each result keeps its
/// inputs and its vector-Jacobian product (VJP), written right next to the forward pass from the
/// analytic derivative. ``backward(_:gradientReady:)`` walks that graph once, in reverse topological order, and
/// adds ∂output/∂leaf into the ``grad`` of every leaf that requires gradients; gradients accumulate
/// across calls (a value used twice receives both contributions) until cleared with ``zeroGrad()``.
///
/// ```swift
/// let w = Variable(Tensor([[0.5, -1], [2, 0]]), requiresGradient: true)
/// let x = Variable(Tensor([[1, 2]]))
/// let loss = x.matmul(w).tanh().sum()
/// loss.backward()
/// print(w.grad!)     // ∂loss/∂w
/// ```
///
/// The VJPs are themselves written with variable operations, so a backward pass run with
/// `createGraph: true` is differentiable again (gradients of gradients, Hessians).
public final class Variable {
    /// The current value. Optimizers update leaves by assigning it.
    public var value: Tensor
    /// ∂(output)/∂(this variable), accumulated by ``backward(_:gradientReady:)``; `nil` until a backward pass reaches it.
    public var grad: Tensor?
    /// Whether gradients flow to and through this variable.
    public private(set) var requiresGradient: Bool
    /// A name for error messages and model files (e.g. `layers.0.weight`).
    public var name: String?

    let inputs: [Variable]
    let vectorJacobianProduct: ((_ upstream: Variable, _ output: Variable) -> [Variable?])?
    /// The operation that produced this variable (`"leaf"` for inputs and parameters).
    public let operation: String

    /// A leaf variable holding `value`.
    public init(_ value: Tensor, requiresGradient: Bool = false, name: String? = nil) {
        self.value = value
        self.requiresGradient = requiresGradient
        self.name = name
        inputs = []
        vectorJacobianProduct = nil
        operation = "leaf"
    }

    private init(_ value: Tensor, inputs: [Variable], operation: String,
                 vjp: @escaping (Variable, Variable) -> [Variable?]) {
        self.value = value
        requiresGradient = true
        self.inputs = inputs
        vectorJacobianProduct = vjp
        self.operation = operation
    }

    /// Wraps the result of an operation: records it in the graph when recording is on and some
    /// input requires gradients, otherwise returns a constant.
    /// - Parameter value: the operation's result.
    /// - Parameter inputs: the operation's inputs, in the order `vjp` returns their gradients.
    /// - Parameter operation: the operation's name, shown in the graph and in error messages.
    /// - Parameter vjp: maps the upstream gradient (and the result) to one gradient per input, each
    ///   with that input's shape (`nil` for none/zero).
    public static func recording(_ value: Tensor, inputs: [Variable], operation: String,
                                 vjp: @escaping (_ upstream: Variable, _ output: Variable) -> [Variable?]) -> Variable {
        if GradientMode.isRecording, inputs.contains(where: { $0.requiresGradient }) {
            return Variable(value, inputs: inputs, operation: operation, vjp: vjp)
        }
        return Variable(value)
    }

    /// Whether this variable was given by the user rather than computed by an operation.
    public var isLeaf: Bool { vectorJacobianProduct == nil }

    /// The shape of ``value``.
    public var shape: [Int] { value.shape }

    /// The same value cut off from the graph: no gradient flows through the result.
    public func detached() -> Variable { Variable(value) }

    /// Turns gradient tracking on or off for a leaf (parameters are leaves).
    public func setRequiresGradient(_ flag: Bool) {
        require(isLeaf, "setRequiresGradient: only leaf variables can change it (this one comes from \(operation))")
        requiresGradient = flag
    }

    /// Clears the accumulated gradient.
    public func zeroGrad() { grad = nil }
}

extension Variable: CustomStringConvertible {
    public var description: String {
        "Variable(\(value)\(requiresGradient ? ", requiresGradient" : "")\(isLeaf ? "" : ", from \(operation)"))"
    }
}

/// Whether operations record the graph. Recording is on by default; inference code turns it off
/// with ``withoutGradient(_:)`` so no graph (and no saved intermediate) is kept.
public enum GradientMode {
    @TaskLocal static var recordingFlag = true

    /// Whether new operations are recorded.
    public static var isRecording: Bool { recordingFlag }
}

/// Runs `body` with graph recording off (PyTorch's `torch.no_grad()`).
public func withoutGradient<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$recordingFlag.withValue(false, operation: body)
}

/// Runs `body` with graph recording on (inside a ``withoutGradient(_:)`` scope, for instance).
public func withGradient<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$recordingFlag.withValue(true, operation: body)
}
