import Aprendiz
import ArgumentParser

/// `aprendiz bench infer`: latency of one-sample inference through the MLP in inference mode with
/// no graph recording: 1 000 warm-up calls, then the median of 10 blocks of 1 000 calls.
struct BenchInferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Microseconds per one-sample MLP inference call (eval mode, no gradients)."
    )

    @OptionGroup var options: BenchOptions

    func run() throws {
        try options.apply()
        var generator = RandomGenerator(seed: 0)
        let model = BenchmarkMLP.make()
        model.eval()
        let sample = Tensor.randomUniform([1, 784], using: &generator)
        var sink: Float = 0
        withoutGradient {
            for _ in 0..<1_000 { sink += model(sample).value[0, 0] }
            let block = Stopwatch.median(repeats: 10) {
                for _ in 0..<1_000 { sink += model(sample).value[0, 0] }
            }
            BenchResult(workload: "infer mlp batch=1", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                        microseconds: block / 1_000 * 1e6).print(json: options.json)
        }
        if sink.isNaN { print("") }
    }
}
