import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz compare`: the performance comparisons the book announces and leaves empty — optimizers
/// (§6.5), sigmoidal activations (§7.8) and rectifiers (§8.8) — run on real data.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare optimizers (§6.5) or activations (§7.8, §8.8) on the same network, seeds and data order.",
        subcommands: [CompareOptimizersCommand.self, CompareActivationsCommand.self, CompareModelsCommand.self]
    )
}

/// The options both comparisons share: the training settings of `train` plus the data set, the
/// number of repeats and the report folder.
struct CompareOptions: ParsableArguments {
    @Option(help: "NAME or csv:PATH[:target=COLUMN] (classification).")
    var dataset = "digits"

    @OptionGroup var training: TrainingOptions

    @Option(help: "Runs per candidate (seeds S, S+1, …; the same for every candidate).")
    var repeats = 1

    @Option(help: "Report folder.")
    var report = "aprendiz-compare"

    var json: Bool { training.json }

    func settings() throws -> TrainingSettings {
        guard repeats >= 1 else { throw CLIError("--repeats must be at least 1, got \(repeats)") }
        return try training.settings(dataset: dataset, validation: 0)
    }
}
