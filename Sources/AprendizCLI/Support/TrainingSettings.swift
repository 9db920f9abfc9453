import Aprendiz

/// The settings of one training run, as given on the command line (and stored in reports).
struct TrainingSettings: Codable {
    var dataset: String
    var model: ModelKind = .mlp
    var hidden: [Int] = [128]
    var activation: String = "relu"
    /// nil: cross-entropy for classification, MSE for regression.
    var loss: String?
    var optimizer: String = "adam"
    /// nil: the optimizer's default.
    var learningRate: Float?
    var epochs: Int = 5
    var batchSize: Int = 32
    /// The fraction of the training part held out for validation curves (0: the test set is used).
    var validation: Float = 0.1
    var seed: UInt64 = 0
    /// At most this many training and test examples.
    var limit: Int?
    var task: LearningTask?

    /// Checks the numbers a user can get wrong.
    func validate() throws {
        guard epochs >= 1 else { throw CLIError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw CLIError("--batch-size must be at least 1, got \(batchSize)") }
        guard validation >= 0, validation < 1 else { throw CLIError("--validation must be in [0, 1), got \(validation)") }
        if let limit, limit < 2 { throw CLIError("--limit must be at least 2, got \(limit)") }
    }
}
