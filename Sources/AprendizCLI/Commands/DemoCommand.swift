import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz` with no arguments: the quick demo — a small network on the bundled digits, with a
/// progress bar, the test accuracy and a report in aprendiz-report/.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Quick demo (what `aprendiz` alone runs): train a small CNN on the bundled 8×8 digits.",
        discussion: "Same as: aprendiz train --dataset digits --model convnet --epochs 8 --validation 0"
    )

    @Option(help: "Report folder.")
    var report = "aprendiz-report"

    @Option(help: "Passes over the training data.")
    var epochs = 8

    @Flag(help: "No progress output.")
    var quiet = false

    /// The demo's model: the CNN when this build has it, otherwise an MLP.
    static var model: ModelKind { ModelFactory.hasConvolution ? .convnet : .mlp }

    func run() throws {
        guard epochs >= 1 else { throw CLIError("--epochs must be at least 1, got \(epochs)") }
        let console = Console(quiet: quiet)
        let settings = TrainingSettings(dataset: "digits", model: Self.model, hidden: [64], epochs: epochs, validation: 0)
        console.line("aprendiz demo: \(settings.model.rawValue) on the bundled digits (8×8 images, 10 classes), \(epochs) epochs")
        let data = try DataPreparation.load(.bundled(.digits), seed: settings.seed)
        Interruption.shared.install()
        let outcome = try TrainingRun.run(settings, data: data, console: console)
        try TrainCommand.finish(outcome, settings: settings, command: "demo", save: nil, report: report, console: console)
        console.line("next: aprendiz train --help, aprendiz compare optimizers --dataset digits, aprendiz datasets")
    }
}
