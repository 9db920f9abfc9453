import ArgumentParser
import Testing
@testable import AprendizCLI

/// `aprendiz bench`: the options are validated before anything is measured, and `bench all` names
/// valid arguments for every workload (running them is for release builds, not for tests).
@Suite struct BenchCommandTests {
    @Test func allWorkloadsParseWithTheSharedOptions() throws {
        for (command, arguments) in BenchAllCommand.workloads {
            _ = try command.parseAsRoot(arguments + ["--threads", "2", "--json"])
        }
        #expect(BenchAllCommand.workloads.count == 7)
    }

    @Test func badOptionsAreRejected() {
        #expect(errorMessage { try runCommand(BenchAllCommand.self, ["--threads", "0"]) }?.contains("--threads must be at least 1") == true)
        #expect(errorMessage { try runCommand(BenchMLPCommand.self, ["--optimizer", "lbfgs"]) }?.contains("adam or sgd") == true)
        #expect(errorMessage { try runCommand(BenchMLPCommand.self, ["--batch-size", "0"]) }?.contains("--batch-size") == true)
    }
}
