import Aprendiz
import ArgumentParser

/// The training settings `train`, `compare optimizers` and `compare activations` share, declared once.
/// Numbers are parsed `.unconditional`ly so that `--batch-size -1` reaches the range check ("must be at least 1,
/// got -1") instead of reading as a missing value followed by an unknown option.
struct TrainingOptions: ParsableArguments {
    @Option(help: "The model: \(ModelKind.helpList(default: .mlp)).", completion: .list(ModelKind.names),
            transform: ModelKind.argument)
    var model: ModelKind = .mlp

    @Option(help: "Hidden layer widths of the mlp, comma-separated.")
    var hidden = "128"

    @Option(parsing: .unconditional, help: "Channels of the small-resnet's first stage (default 16; the later stages have 2× and 4×).")
    var width: Int?

    @Option(name: [.customLong("learning-rate"), .customLong("lr")], parsing: .unconditional,
            help: "Learning rate η (default: the optimizer's own).")
    var learningRate: Float?

    @Option(parsing: .unconditional, help: "Passes over the training data.")
    var epochs = 5

    @Option(help: "How the learning rate changes over the run: \(TrainingSchedule.helpList(default: .constant)).",
            completion: .list(TrainingSchedule.names), transform: TrainingSchedule.argument)
    var schedule: TrainingSchedule = .constant

    @Option(parsing: .unconditional,
            help: "Examples per update. Under mpirun/srun (several processes): the global batch, split over the processes, so the run matches one process.")
    var batchSize = 32

    @Option(help: "Seed of the split, the initial weights and the example order.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Use at most this many training and test examples (quick runs).")
    var limit: Int?

    @Option(help: ArgumentHelp("Augment the training images on the fly (§24.6), steps applied in order: \(ImageAugmentation.grammar).",
                               discussion: "Example: --augment crop=2,flip,rotate=10,translate=2,noise=0.05,cutout=8. Images only (mnist, fashion-mnist); seeded by --seed."))
    var augment: String?

    @Flag(help: "Print one JSON object with the results on standard output, and nothing else.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    /// The settings these options give for `dataset` (checked).
    func settings(dataset: String, validation: Float = 0.1) throws -> TrainingSettings {
        let settings = TrainingSettings(dataset: dataset, model: model, hidden: try ModelFactory.hiddenWidths(hidden),
                                        learningRate: learningRate, epochs: epochs, batchSize: batchSize,
                                        validation: validation, seed: seed, limit: limit, augment: augment,
                                        width: width, schedule: schedule == .constant ? nil : schedule.rawValue)
        try settings.validate()
        return settings
    }

    /// `--augment` given where no network is trained by gradients on images: an error naming what runs instead.
    func rejectAugment(_ what: String) throws {
        if augment != nil { throw CLIError("--augment applies to networks trained by gradient descent on images, not to \(what)") }
    }

    var console: Console { Console(json: json, quiet: quiet) }
}
