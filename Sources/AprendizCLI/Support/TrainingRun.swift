import Aprendiz
import Foundation

/// What a finished (or interrupted) training run produced.
struct TrainingOutcome {
    let model: Sequential
    let optimizer: any Optimizer
    /// The loss's name.
    let loss: String
    let data: PreparedData
    let inputShape: [Int]
    let history: [EpochLogs]
    /// Loss and metrics on the test part.
    let test: [String: Float]
    /// On the test part, for classification.
    let confusion: ConfusionMatrix?
    let seconds: Double
    /// Ctrl-C stopped it early.
    let interrupted: Bool
    /// ‖∂L/∂W₁‖ after each epoch, when probed.
    let gradientNorms: [Double]?
}

/// Builds the model, loss and optimizer from ``TrainingSettings`` and runs the `Trainer`: the one
/// training path of `train`, the demo and `compare`.
enum TrainingRun {
    /// Trains on `data` (already loaded) and evaluates on its test part.
    /// - Parameters:
    ///   - settings: the model, loss, optimizer and training options.
    ///   - loaded: the data, already loaded and split.
    ///   - console: where progress and results are written.
    ///   - label: a prefix of the progress lines.
    ///   - probesGradient: measure the first layer's gradient norm after each epoch (``GradientProbe``).
    ///   - dataParallel: train data-parallel over the processes of an `mpirun`/`srun` run (`train` only).
    ///   - resume: a model file of an earlier run to continue (``TrainingResume``; `train --resume`).
    static func run(_ settings: TrainingSettings, data loaded: PreparedData, console: Console, label: String = "",
                    probesGradient: Bool = false, dataParallel: Bool = false, resume: String? = nil) throws -> TrainingOutcome {
        let inputShape = try ModelFactory.inputShape(for: settings.model, exampleShape: loaded.exampleShape)
        let data = loaded.reshaped(to: inputShape)
        let model = try ModelFactory.make(settings.model, inputShape: inputShape, outputs: data.outputCount,
                                          hidden: settings.hidden, activation: try ModelFactory.activation(settings.activation),
                                          task: data.task, seed: settings.seed, width: settings.width)
        let loss = try settings.loss(for: data.task)
        try checkLoss(loss, model: model, data: data)
        let optimizer = try OptimizerKind.named(settings.optimizer, option: "--optimizer")
            .makeOptimizer(parameters: model.parameters(), learningRate: settings.learningRate)
        try applySchedule(settings, to: optimizer, trainingExamples: data.train.count)
        let metrics: [Metric] = data.task == .classification ? [.accuracy] : [.meanSquaredError, .r2]
        let probe = probesGradient ? GradientProbe(batch: data.train.batch(at: Array(0..<min(256, data.train.count)))) : nil
        let trainer = Trainer(model: model, loss: loss, optimizer: optimizer, metrics: metrics,
                              callbacks: [ProgressBar(console: console, label: label)] + (probe.map { [$0] } ?? []))
        // Started by mpirun/srun: data-parallel over the processes (every process runs this same code).
        if dataParallel, Distributed.current.usesMPI { trainer.dataParallel = DataParallel() }
        trainer.augmentation = try settings.augmentation(for: loaded)
        let initialEpoch = try resume.map { try TrainingResume.load($0, into: model, optimizer: optimizer, settings: settings) } ?? 0
        let validation: Validation = settings.validation > 0 ? .split(settings.validation) : .dataset(data.test)
        let start = Date()
        let history = try trainer.fit(data.train, epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed,
                                      initialEpoch: initialEpoch, validation: validation)
        let seconds = Date().timeIntervalSince(start)
        let test = trainer.evaluate(data.test)
        let confusion = data.task == .classification
            ? ConfusionMatrix(predicted: predictedClasses(trainer.predict(data.test.inputs)),
                              actual: data.test.targets.scalars.map { Int($0) }, classCount: data.classCount)
            : nil
        return TrainingOutcome(model: model, optimizer: optimizer, loss: loss.name, data: data, inputShape: inputShape, history: history,
                               test: test, confusion: confusion, seconds: seconds,
                               interrupted: Interruption.shared.isRequested, gradientNorms: probe?.norms)
    }

    /// Sets `--schedule` on the optimizer: its period is the run's number of updates (the examples left
    /// for training after the validation split, in batches of `--batch-size`, times `--epochs`).
    static func applySchedule(_ settings: TrainingSettings, to optimizer: any Optimizer, trainingExamples: Int) throws {
        guard let name = settings.schedule else { return }
        let schedule = try TrainingSchedule.named(name, option: "--schedule")
        guard let scheduled = optimizer as? any ScheduledOptimizer else {
            throw CLIError("--schedule needs a gradient optimizer with a learning rate; --optimizer \(settings.optimizer) has none")
        }
        // As `Validation.split` holds out ⌈f·n⌉ examples.
        let fitted = trainingExamples - Int((Double(settings.validation) * Double(trainingExamples)).rounded(.up))
        let batches = (max(1, fitted) + settings.batchSize - 1) / settings.batchSize
        scheduled.schedule = schedule.schedule(steps: batches * settings.epochs)
    }

    /// The loss's own check of output and target shapes on two examples, as a one-line error.
    private static func checkLoss(_ loss: Loss, model: Module, data: PreparedData) throws {
        let batch = data.train.batch(at: Array(0..<min(2, data.train.count)))
        let outputs = withoutGradient { model(Variable(batch.inputs)).value }
        do {
            try loss.validate(predictions: outputs, targets: batch.targets)
        } catch {
            throw CLIError("--loss \(loss.name) does not fit the \(data.task.rawValue) data set '\(data.name)': \(error)")
        }
    }
}
