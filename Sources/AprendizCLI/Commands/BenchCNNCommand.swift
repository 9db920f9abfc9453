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
        var generator = RandomGenerator(seed: 1)
        let model = Sequential.leNet5(using: &generator)
        let rate = ImageTrainingBench.samplesPerSecond(model, epochSamples: 10_000, repeats: repeats, using: &generator)
        BenchResult(workload: "lenet5 train batch=64", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: rate).print(json: options.json)
    }
}
