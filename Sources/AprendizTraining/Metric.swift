import AprendizTensor

/// A named score of a model's outputs against targets, computed by the trainer over a whole epoch
/// (all batches of the training or validation set), and the value callbacks monitor.
///
/// The trainer reports each metric as `name` on the training set and `val_name` on validation.
public struct Metric: Sendable {
    /// The key in the epoch logs (`accuracy`, `mse`, …).
    public let name: String
    /// Whether larger values are better (accuracy) or worse (errors).
    public let higherIsBetter: Bool
    private let compute: @Sendable (Tensor, Tensor) -> Float

    /// A metric from a function of (outputs, targets).
    public init(name: String, higherIsBetter: Bool, _ compute: @escaping @Sendable (_ outputs: Tensor, _ targets: Tensor) -> Float) {
        self.name = name
        self.higherIsBetter = higherIsBetter
        self.compute = compute
    }

    /// The score of `outputs` against `targets`.
    public func callAsFunction(_ outputs: Tensor, _ targets: Tensor) -> Float { compute(outputs, targets) }

    /// `accuracy(scores:labels:)` (outputs: class scores; targets: class indices).
    public static let accuracy = Metric(name: "accuracy", higherIsBetter: true) { AprendizMetrics.accuracy(scores: $0, labels: $1) }
    /// `topKAccuracy(scores:labels:k:)`.
    public static func topKAccuracy(_ k: Int) -> Metric {
        Metric(name: "top\(k)_accuracy", higherIsBetter: true) { AprendizMetrics.topKAccuracy(scores: $0, labels: $1, k: k) }
    }
    /// Macro-averaged F1 of the `ConfusionMatrix`.
    public static let macroF1 = Metric(name: "macro_f1", higherIsBetter: true) { ConfusionMatrix(scores: $0, labels: $1).macroF1 }
    /// `meanSquaredError(predictions:targets:)`.
    public static let meanSquaredError = Metric(name: "mse", higherIsBetter: false) { AprendizMetrics.meanSquaredError(predictions: $0, targets: $1) }
    /// `meanAbsoluteError(predictions:targets:)`.
    public static let meanAbsoluteError = Metric(name: "mae", higherIsBetter: false) { AprendizMetrics.meanAbsoluteError(predictions: $0, targets: $1) }
    /// `r2Score(predictions:targets:)`.
    public static let r2 = Metric(name: "r2", higherIsBetter: true) { r2Score(predictions: $0, targets: $1) }
}
