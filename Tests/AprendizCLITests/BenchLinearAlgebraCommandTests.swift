import ArgumentParser
import Testing
@testable import AprendizCLI

/// `aprendiz bench linalg`: options parse, and an unknown backend is rejected before anything is
/// measured (running the workloads is for release builds, not for tests).
@Suite struct BenchLinearAlgebraCommandTests {
    @Test func optionsParse() throws {
        let command = try BenchLinearAlgebraCommand.parse(["--threads", "1", "--json", "--backends", "swift", "--sizes", "64,128"])
        #expect(command.backends == "swift" && command.sizes == "64,128" && command.options.json)
    }

    @Test func unknownBackendIsRejected() {
        let message = errorMessage { try runCommand(BenchLinearAlgebraCommand.self, ["--backends", "cuda"]) }
        #expect(message?.contains("--backends: 'cuda' is not available here") == true)
    }
}
