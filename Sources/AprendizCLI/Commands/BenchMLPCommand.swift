import Aprendiz
import ArgumentParser

/// `aprendiz bench mlp`: training throughput of the MLP on random data (same workload as
/// Benchmarks/pytorch_reference.py mlp): softmax cross-entropy on logits, Adam (η 1e-3) or SGD
/// with momentum 0.9 (η 0.01), one warm-up epoch, median of 3 timed epochs of 20 000 samples.
struct BenchMLPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Samples per second of MLP 784-256-128-10 training steps on random data."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Mini-batch size.")
    var batchSize = 64

    @Option(help: "adam or sgd (momentum 0.9).")
    var optimizer = "adam"

    func run() throws {
        try options.apply()
        guard batchSize >= 1 else { throw CLIError("--batch-size must be at least 1, got \(batchSize)") }
        guard ["adam", "sgd"].contains(optimizer) else { throw CLIError("--optimizer must be adam or sgd, got '\(optimizer)'") }
        var generator = RandomGenerator(seed: 0)
        let count = 20_000
        let inputs = Tensor.randomUniform([count, 784], using: &generator)
        let labels = Tensor(shape: [count], scalars: (0..<count).map { _ in Float(generator.next() % 10) })
        let loader = DataLoader(TensorDataset(inputs: inputs, targets: labels), batchSize: batchSize, shuffle: true, seed: 1, dropLast: true)
        let model = BenchmarkMLP.make()
        let update: any Optimizer = optimizer == "adam"
            ? Adam(parameters: model.parameters(), learningRate: 1e-3)
            : SGD(parameters: model.parameters(), learningRate: 0.01, momentum: 0.9)
        let seconds = Stopwatch.median(repeats: 3) {
            for batch in loader {
                let loss = crossEntropy(logits: model(batch.inputs), labels: batch.targets)
                loss.backward()
                update.step()
                update.zeroGrad()
            }
        }
        BenchResult(workload: "mlp batch=\(batchSize) \(optimizer)", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(count / batchSize * batchSize) / seconds).print(json: options.json)
    }
}
