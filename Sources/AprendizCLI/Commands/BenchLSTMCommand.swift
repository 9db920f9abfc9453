import Aprendiz
import ArgumentParser

/// `aprendiz bench lstm`: sequences per second of character-level LSTM training steps (the workload of
/// `Benchmarks/pytorch_lstm.py`, PyTorch's side).
///
/// The model: Embedding 65 → 64, one LSTM layer of 256, Dense 256 → 65 at every step. One training step:
/// forward over batches of 64 random sequences of 100 symbols, cross-entropy against the next symbols,
/// backward through time, Adam (η = 0.002), zero the gradients. The figure is the median of `repeats`
/// timed rounds of 5 steps after a warm-up round.
struct BenchLSTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm",
        abstract: "Sequences/s of LSTM training steps (batch 64, 100 steps, 256 hidden, 65 symbols, Adam)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Timed rounds of 5 training steps (the median is reported).")
    var repeats = 3

    func run() throws {
        try options.apply()
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        let (batch, steps, hidden, symbols, rounds) = (64, 100, 256, 65, 5)
        var generator = RandomGenerator(seed: 1)
        let embedding = Embedding(symbols, 64, using: &generator)
        let lstm = RecurrentNetwork(.lstm(peepholes: false), inputs: 64, hidden: hidden, using: &generator)
        let output = Dense(hidden, symbols, using: &generator)
        let model = Sequential(embedding, lstm, output)
        let optimizer = Adam(parameters: model.parameters(), learningRate: 0.002)
        let text = (0..<(rounds * batch * (steps + 1))).map { _ in Float(Int.random(in: 0..<symbols, using: &generator)) }
        let sequences = (0..<rounds).map { round in
            Tensor(shape: [batch, steps + 1], scalars: Array(text[(round * batch * (steps + 1))..<((round + 1) * batch * (steps + 1))]))
        }
        let seconds = Stopwatch.median(repeats: repeats) {
            for sequence in sequences {
                let logits = model(sequence.slice(axis: 1, 0..<steps))
                let loss = crossEntropy(logits: logits.reshaped([batch * steps, symbols]),
                                        labels: sequence.slice(axis: 1, 1..<(steps + 1)).reshaped([batch * steps]))
                loss.backward()
                optimizer.step()
                optimizer.zeroGrad()
            }
        }
        BenchResult(workload: "lstm train batch=64 t=100", threads: Parallel.threadCount,
                    backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(rounds * batch) / seconds).print(json: options.json)
    }
}
