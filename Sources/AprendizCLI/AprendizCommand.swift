import Aprendiz
import ArgumentParser

/// The `aprendiz` command: trains, compares, plots and benchmarks the methods of the book.
@main
struct AprendizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aprendiz",
        abstract: "Machine learning from the book Aprendizado de Máquina, in Swift.",
        version: AprendizVersion.current,
        subcommands: [
            DemoCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            PredictCommand.self,
            CompareCommand.self,
            DatasetsCommand.self,
            BenchCommand.self,
            MinimizeCommand.self,
            PlotCommand.self,
            ExplainCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )
}

/// The package version printed by `aprendiz --version` and stored in reports.
enum AprendizVersion {
    static let current = "0.1.0"
}
