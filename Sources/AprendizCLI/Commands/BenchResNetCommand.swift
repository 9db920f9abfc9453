import Aprendiz
import ArgumentParser

/// `aprendiz bench resnet`: samples per second of the small ResNet's training steps (§22; the workload of
/// `Benchmarks/pytorch_resnet.py`, PyTorch's side).
///
/// One step: forward in training mode (batch statistics), cross-entropy on random labels, backward, Adam
/// (η = 0.001), zero the gradients; batches of 64 random 28×28×1 images. An epoch is 2 048 samples
/// (32 steps); the figure is the median of `--repeats` timed epochs after a warm-up epoch.
struct BenchResNetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resnet",
        abstract: "Samples/s of the small ResNet's training steps (batch 64, Adam, random 28×28×1 images)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Channels of the first stage (the later stages have 2× and 4×).")
    var width = 16

    @Option(help: "Timed epochs of 2 048 samples (the median is reported).")
    var repeats = 3

    func run() throws {
        try options.apply()
        guard repeats >= 1 else { throw CLIError("--repeats must be at least 1, got \(repeats)") }
        guard width >= 1 else { throw CLIError("--width must be at least 1, got \(width)") }
        var generator = RandomGenerator(seed: 1)
        let model = Sequential.smallResNet(classes: 10, width: width, using: &generator)
        let rate = ImageTrainingBench.samplesPerSecond(model, epochSamples: 2_048, repeats: repeats, using: &generator)
        BenchResult(workload: "resnet w=\(width) train batch=64", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: rate).print(json: options.json)
    }
}
