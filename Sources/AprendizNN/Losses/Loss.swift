import AprendizAutodiff
import AprendizTensor

/// A training objective as a value: maps a batch of predictions and its targets to a scalar
/// variable to back-propagate from. The trainer and `aprendiz train --loss` take one.
///
/// The catalogue of chapter 10 is in `Loss+Catalog.swift` (``Loss/mse``, ``Loss/crossEntropy``, …,
/// and ``Loss/named(_:)``). Applying a loss to bad targets stops the program (a precondition, as
/// for the loss functions); code that feeds user data calls ``validate(predictions:targets:)``
/// first to get the same message as a thrown ``LossError``.
public struct Loss: Sendable {
    /// The command-line name (`mse`, `cross-entropy`, …).
    public let name: String
    private let compute: @Sendable (Variable, Tensor) -> Variable
    private let check: @Sendable (Tensor, Tensor) throws(LossError) -> Void

    /// A loss from a function of (predictions, targets), with an optional check of its arguments.
    public init(name: String,
                validate: @escaping @Sendable (_ predictions: Tensor, _ targets: Tensor) throws(LossError) -> Void = { _, _ in },
                _ compute: @escaping @Sendable (_ predictions: Variable, _ targets: Tensor) -> Variable) {
        self.name = name
        self.compute = compute
        check = validate
    }

    /// The loss of `predictions` against `targets`.
    public func callAsFunction(_ predictions: Variable, _ targets: Tensor) -> Variable { compute(predictions, targets) }

    /// Checks that this loss can take `targets` for `predictions` (shapes, class indices in range,
    /// one-hot rows that sum to 1, probabilities in [0, 1], ±1 labels).
    /// - Throws: ``LossError/invalidInput(loss:message:)`` naming the loss, the index and the value.
    public func validate(predictions: Tensor, targets: Tensor) throws(LossError) { try check(predictions, targets) }
}
