import AprendizAutodiff
import AprendizTensor

/// A training objective as a value: maps a batch of predictions and its targets to a scalar
/// variable to back-propagate from. The trainer and `aprendiz train --loss` take one.
public struct Loss: Sendable {
    /// The command-line name (`mse`, `cross-entropy`, …).
    public let name: String
    private let compute: @Sendable (Variable, Tensor) -> Variable

    /// A loss from a function of (predictions, targets).
    public init(name: String, _ compute: @escaping @Sendable (_ predictions: Variable, _ targets: Tensor) -> Variable) {
        self.name = name
        self.compute = compute
    }

    /// The loss of `predictions` against `targets`.
    public func callAsFunction(_ predictions: Variable, _ targets: Tensor) -> Variable { compute(predictions, targets) }
}
