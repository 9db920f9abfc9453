import Aprendiz
import ArgumentParser

/// `aprendiz bench cnn`: samples per second of LeNet-5 training steps (the workload of
/// `Benchmarks/pytorch_cnn.py`, PyTorch's side).
///
/// One step: forward, cross-entropy on random labels, backward, Adam (η = 0.001), zero the
/// gradients; batches of 64 random 28×28×1 images. An epoch is 10 000 samples (156 steps); the
/// figure is the median of 3 timed epochs after a warm-up epoch.
struct BenchCNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn",
        abstract: "Samples/s of LeNet-5 training steps (batch 64, Adam, random 28×28×1 images)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Timed epochs of 10 000 samples (the median is reported).")
    var repeats = 3

    func run() throws {
        try options.apply()
        guard repeats >= 1 else { throw CLIError("--repeats must be at least 1, got \(repeats)") }
        let batchSize = 64, steps = 10_000 / batchSize
        var generator = RandomGenerator(seed: 1)
        let model = Sequential.leNet5(using: &generator)
        let optimizer = Adam(parameters: model.parameters(), learningRate: 0.001)
        let images = (0..<steps).map { _ in Tensor.randomUniform([batchSize, 28, 28, 1], using: &generator) }
        let labels = (0..<steps).map { _ in
            Tensor((0..<batchSize).map { _ in Float(Int.random(in: 0..<10, using: &generator)) })
        }
        let seconds = Stopwatch.median(repeats: repeats) {
            for step in 0..<steps {
                let loss = crossEntropy(logits: model(images[step]), labels: labels[step])
                loss.backward()
                optimizer.step()
                optimizer.zeroGrad()
            }
        }
        BenchResult(workload: "lenet5 train batch=64", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(steps * batchSize) / seconds).print(json: options.json)
    }
}
