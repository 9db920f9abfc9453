/// An error from a loss: bad targets for the loss (an unknown loss name is a `CatalogueError`).
///
/// Loss *functions* (``mseLoss(predictions:targets:reduction:halved:)``, ``crossEntropy(logits:labels:classWeights:labelSmoothing:reduction:)``, …)
/// treat bad arguments as programmer errors and stop with a precondition failure that carries this
/// error's message. ``Loss`` values, which the trainer applies to user data, expose
/// ``Loss/validate(predictions:targets:)`` to get the same check as a thrown error first.
public enum LossError: Error, Equatable, CustomStringConvertible {
    /// Targets or predictions that the loss cannot take: a shape mismatch, a class index out of
    /// range, a one-hot row that does not sum to 1, a probability outside [0, 1], a label not ±1.
    case invalidInput(loss: String, message: String)

    public var description: String {
        switch self {
        case .invalidInput(let loss, let message):
            return "\(loss): \(message)"
        }
    }
}
