import Aprendiz
import ArgumentParser

/// `aprendiz bench all`: every workload of the performance table, one after the other, with the
/// same thread count — the Aprendiz side of `Benchmarks/compare.sh` in one command.
struct BenchAllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Every workload of the performance table: MLP (batch 64 and 256, Adam and SGD), LeNet-5, "
            + "one-sample inference, GEMM n = 1024."
    )

    @OptionGroup var options: BenchOptions

    /// The sub-benchmarks and their arguments, in the order of the README's table.
    static let workloads: [(ParsableCommand.Type, [String])] = [
        (BenchMLPCommand.self, ["--batch-size", "64", "--optimizer", "adam"]),
        (BenchMLPCommand.self, ["--batch-size", "64", "--optimizer", "sgd"]),
        (BenchMLPCommand.self, ["--batch-size", "256", "--optimizer", "adam"]),
        (BenchMLPCommand.self, ["--batch-size", "256", "--optimizer", "sgd"]),
        (BenchCNNCommand.self, []),
        (BenchInferCommand.self, []),
        (BenchGEMMCommand.self, ["--sizes", "1024"]),
    ]

    func run() throws {
        try options.apply()
        let shared = (options.threads.map { ["--threads", String($0)] } ?? []) + (options.json ? ["--json"] : [])
        for (command, arguments) in Self.workloads {
            var workload = try command.parseAsRoot(arguments + shared)
            try workload.run()
        }
    }
}
