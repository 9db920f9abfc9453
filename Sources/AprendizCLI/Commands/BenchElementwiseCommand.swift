import Aprendiz
import ArgumentParser

/// `aprendiz bench elementwise`: throughput of `add` and `exp` on 10 million elements.
struct BenchElementwiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elementwise",
        abstract: "Element-wise add and exp on 10 million Float32 elements (median of 9 runs)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Number of elements.")
    var count = 10_000_000

    func run() throws {
        try options.apply()
        var generator = RandomGenerator(seed: 1)
        let a = Tensor.randomUniform([count], in: -5...5, using: &generator)
        let b = Tensor.randomUniform([count], in: -5...5, using: &generator)
        let workloads: [(String, () -> Tensor)] = [("add", { a + b }), ("exp", { a.exp() })]
        for (name, body) in workloads {
            let seconds = Stopwatch.median(repeats: 9) { _ = body() }
            BenchResult(workload: "\(name) n=\(count)", threads: Parallel.threadCount, backend: "Swift SIMD",
                        elementsPerSecond: Double(count) / seconds).print(json: options.json)
        }
    }
}
