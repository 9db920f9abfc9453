import Aprendiz

/// The settings of one training run, as given on the command line (and stored in reports).
struct TrainingSettings: Codable {
    var dataset: String
    var model: ModelKind = .mlp
    var hidden: [Int] = [128]
    var activation: String = Activation.relu.name
    /// nil: cross-entropy for classification, MSE for regression (``loss(for:)``).
    var loss: String?
    var optimizer: String = OptimizerKind.adam.name
    /// nil: the optimizer's default (``resolvedLearningRate``).
    var learningRate: Float?
    var epochs: Int = 5
    var batchSize: Int = 32
    /// The fraction of the training part held out for validation curves (0: the test set is used).
    var validation: Float = 0.1
    var seed: UInt64 = 0
    /// At most this many training and test examples.
    var limit: Int?
    var task: LearningTask?
    /// `--augment`: the image augmentation steps (`ImageAugmentation.parseList(_:)`), nil for none.
    var augment: String? = nil
    /// `--width`: the small ResNet's first-stage channels (nil: its default).
    var width: Int? = nil
    /// `--schedule`: the learning-rate schedule's name (``TrainingSchedule``), nil for a constant rate.
    var schedule: String? = nil

    /// Checks the numbers a user can get wrong.
    func validate() throws {
        guard epochs >= 1 else { throw CLIError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw CLIError("--batch-size must be at least 1, got \(batchSize)") }
        guard validation >= 0, validation < 1 else { throw CLIError("--validation must be in [0, 1), got \(validation)") }
        if let limit, limit < 2 { throw CLIError("--limit must be at least 2, got \(limit)") }
        if let augment {
            do { _ = try ImageAugmentation.parseList(augment) } catch { throw CLIError("--augment: \(error)") }
        }
        if let width {
            guard width >= 1 else { throw CLIError("--width must be at least 1, got \(width)") }
            guard case .ready(let network) = model, network.hasWidth else {
                throw CLIError("--width applies to --model small-resnet, not to --model \(model.rawValue)")
            }
        }
        if let schedule { _ = try TrainingSchedule.named(schedule, option: "--schedule") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw CLIError("--learning-rate must be a positive number, got \(learningRate)")
        }
    }

    /// The loss the run uses: `--loss`, or cross-entropy for classification and MSE for regression.
    func loss(for task: LearningTask) throws -> Loss {
        guard let loss else { return task == .classification ? .crossEntropy : .mse }
        do { return try Loss.named(loss) } catch { throw CLIError("--loss: \(error)") }
    }

    /// The learning rate the run uses: `--learning-rate`, or the optimizer's default (nil when the
    /// optimizer is not one name, as in `compare optimizers`).
    var resolvedLearningRate: Float? { learningRate ?? OptimizerKind(rawValue: optimizer)?.defaultLearningRate }

    /// The `BatchAugmentation` of `--augment` for `data` (nil without it): images only, and no mixup, whose soft
    /// targets the accuracy reported every epoch cannot read (the library's `BatchAugmentation` trains it with
    /// `Loss.crossEntropyOneHot`).
    func augmentation(for data: PreparedData) throws -> BatchAugmentation? {
        guard let augment else { return nil }
        guard let image = data.imageShape else {
            throw CLIError("--augment needs an image data set (mnist, fashion-mnist); '\(data.name)' has examples of shape \(data.exampleShape)")
        }
        do {
            let steps = try ImageAugmentation.parseList(augment)
            if steps.contains(where: \.mixesExamples) {
                throw CLIError("--augment mixup is not available in train (its soft targets do not fit the per-epoch accuracy); "
                               + "use BatchAugmentation with Loss.crossEntropyOneHot from the library, or Benchmarks/Techniques")
            }
            return try BatchAugmentation(steps, image: image, classCount: data.classCount, seed: seed)
        } catch let error as AugmentationParseError {
            throw CLIError("--augment: \(error)")
        }
    }
}
