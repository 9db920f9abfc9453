import Aprendiz
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
            ClusterCommand.self,
            TrainLanguageModelCommand.self,
            GenerateCommand.self,
            TrainSequenceToSequenceCommand.self,
            PretrainMaskedLanguageModelCommand.self,
            TrainVisionTransformerCommand.self,
            FinetuneBERTCommand.self,
            EmbedCommand.self,
            RBMCommand.self,
            DBNCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )

    /// Parses the command line and runs the subcommand; a failure is one line `Error: <message>` on standard
    /// error (a bad option value: ArgumentParser's message, which names the option, without the usage text that
    /// follows it) and a non-zero exit status. `--help` and `--version` print as usual.
    ///
    /// A write past the file-size limit (`ulimit -f`) fails with `EFBIG` — an `Error:` line, the previous file
    /// kept — instead of the default `SIGXFSZ` killing the process mid-save.
    ///
    /// Standard output is line-buffered even when it is a file or a pipe (`StandardOutput.useLineBuffering()`).
    static func main() {
        #if canImport(Glibc)
        signal(SIGXFSZ, SIG_IGN)
        #endif
        StandardOutput.useLineBuffering()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let first = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let line = first.hasPrefix("Error: ") ? first : "Error: " + first
            FileHandle.standardError.write(Data((line + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

/// The package version printed by `aprendiz --version` and stored in reports.
enum AprendizVersion {
    static let current = "0.1.0"
}
