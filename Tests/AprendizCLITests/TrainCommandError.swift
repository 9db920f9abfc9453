@testable import AprendizCLI

/// What `aprendiz train ARGUMENTS --epochs 1 --quiet` reports: its `CLIError`'s one line, "no error", or the
/// description of any other error (shared by the suites that check `train`'s misuse messages).
func trainCommandError(_ arguments: [String]) -> String {
    do {
        try TrainCommand.parse(arguments + ["--epochs", "1", "--quiet"]).run()
        return "no error"
    } catch let error as CLIError {
        return error.description
    } catch {
        return "\(error)"
    }
}
