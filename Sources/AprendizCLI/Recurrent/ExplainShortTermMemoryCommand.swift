import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain short-term-memory`: the short-term memory problem of §23.5 — a simple RNN cannot
/// learn to recall a symbol seen many steps earlier, while LSTM and GRU can (Hochreiter & Schmidhuber
/// 1997; Bengio, Simard & Frasconi 1994).
///
/// The task (a recall task): each sequence has `lag` steps; step 0 shows one of K signal symbols, the
/// other steps show random distractor symbols (K more), one-hot; the network must output the signal
/// symbol after the last step (sequence to one: RecurrentNetwork → Dense(H, K) on the final state,
/// cross-entropy). Chance accuracy is 1/K.
struct ExplainShortTermMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "short-term-memory",
        abstract: "Recall a symbol after a growing lag: the simple RNN fails, LSTM and GRU succeed (§23.5).",
        discussion: """
        For each lag and each cell (rnn, lstm, gru) a network of --hidden units is trained for --steps Adam steps
        (η 0.01, gradient norm clipped to 1; the LSTM's forget-gate and the GRU's update-gate biases start at
        --gate-bias, 1 by default, as Gers et al. recommend) on fresh batches of --batch sequences: step 0 holds one of --symbols
        signal symbols, steps 1 … lag − 1 random distractors; the target is the signal. The table prints the
        accuracy on 1 024 new sequences (chance 1/--symbols) and the final training loss. Then, for the longest
        lag and freshly initialised networks, it prints how the gradient reaching each time step shrinks:
        ‖∂L/∂x_t‖ = ‖∂L/∂a_t·W_ihᵀ‖, the part of the loss's gradient that flows back through the state to the
        input of step t (mean over the batch); the simple RNN's falls geometrically with the distance T − 1 − t,
        the gated cells' much less (§23.5).
        Example: aprendiz explain short-term-memory --lags 5,10,20,40 --output memory.svg
        """
    )

    @Option(help: "Comma-separated lags (sequence lengths).") var lags = "5,10,20,40"
    @Option(help: "Adam steps per lag and cell.") var steps = 300
    @Option(help: "Hidden units.") var hidden = 32
    @Option(help: "Sequences per batch.") var batch = 32
    @Option(help: "Signal symbols K (as many distractors).") var symbols = 4
    @Option(help: "Initial bias of the LSTM's forget gate and of the GRU's update gate z (1: start by keeping the state; 0: PyTorch's initialisation).")
    var gateBias: Float = 1
    @Option(help: "Seed of the weights and the sequences.") var seed: UInt64 = 0
    @Option(name: [.customLong("output"), .customLong("out")], help: "Also write an SVG plot of ‖∂L/∂x_t‖ against t (log scale).")
    var output: String?

    static let cells: [RecurrentCell] = [.elman, .lstm(peepholes: false), .gru]

    func run() throws {
        let lagList = try IntegerList.parse(lags, option: "--lags", example: "5,10,20,40")
        guard lagList.allSatisfy({ $0 >= 2 }) else { throw CLIError("--lags must all be at least 2, got \(lags)") }
        guard steps >= 1, hidden >= 1, batch >= 1 else { throw CLIError("--steps, --hidden and --batch must be at least 1") }
        guard symbols >= 2 else { throw CLIError("--symbols must be at least 2, got \(symbols)") }
        guard gateBias.isFinite else { throw CLIError("--gate-bias must be finite, got \(gateBias)") }
        let task = RecallTask(symbols: symbols, gateBias: gateBias)
        print("Recall the symbol of step 0 after `lag` steps (\(symbols) signal and \(symbols) distractor symbols, chance "
              + String(format: "%.2f", 1 / Double(symbols)) + "); \(hidden) units, \(steps) Adam steps of \(batch) sequences, "
              + "gate bias \(gateBias), seed \(seed)")
        print("  lag  " + Self.cells.map { $0.name.padding(toLength: 16, withPad: " ", startingAt: 0) }.joined())
        for lag in lagList {
            var row = String(format: "%5d  ", lag)
            for cell in Self.cells {
                let result = task.train(cell, lag: lag, hidden: hidden, batch: batch, steps: steps, seed: seed)
                row += String(format: "acc %.2f L %.3f  ", result.accuracy, result.loss)
            }
            print(row)
        }
        let longest = lagList.max()!
        let norms = Self.cells.map { task.gradientNorms($0, lag: longest, hidden: hidden, batch: batch, seed: seed) }
        print("‖∂L/∂x_t‖ at initialisation, lag \(longest) (t = 0 is the signal's step, T − 1 the last):")
        let shown = Array(Set([0, longest / 4, longest / 2, 3 * longest / 4, longest - 1])).sorted()
        print("    t  " + Self.cells.map { $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined())
        for t in shown {
            print(String(format: "%5d  ", t) + norms.map { String(format: "%-12.3e", $0[t]) }.joined())
        }
        guard let output else { return }
        var figure = Figure(width: 720, height: 440, title: "Short-term memory (§23.5): gradient reaching step t, lag \(longest)")
        figure.axes.xLabel = "time step t"
        figure.axes.yLabel = "‖∂L/∂x_t‖"
        figure.axes.yScale = .log
        for (cell, norm) in zip(Self.cells, norms) {
            figure.axes.plot(x: (0..<longest).map(Double.init), y: norm.map { Swift.max($0, 1e-30) }, label: cell.name)
        }
        try CommandOutput.write(figure.svg(), to: output)
    }
}

/// The recall task of ``ExplainShortTermMemoryCommand``: one-hot sequences `[batch, lag, 2K]` whose step
/// 0 is a signal symbol (0 … K − 1) and whose later steps are distractors (K … 2K − 1); the label is the signal.
struct RecallTask {
    let symbols: Int
    /// Added to the bias of the LSTM's forget gate (block 1 of i f g o) and the GRU's update gate (block 1 of r z n):
    /// σ(1) ≈ 0.73 of the state is kept at the start instead of σ(0) = 0.5 (Gers, Schmidhuber & Cummins 2000;
    /// Jozefowicz, Zaremba & Sutskever 2015).
    var gateBias: Float = 0

    /// A batch of `count` sequences of `lag` steps and their labels.
    func batch(count: Int, lag: Int, using generator: inout RandomGenerator) -> (inputs: Tensor, labels: Tensor) {
        var inputs = [Float](repeating: 0, count: count * lag * 2 * symbols), labels: [Float] = []
        for b in 0..<count {
            let signal = Int(generator.next() % UInt64(symbols))
            labels.append(Float(signal))
            for t in 0..<lag {
                let symbol = t == 0 ? signal : symbols + Int(generator.next() % UInt64(symbols))
                inputs[(b * lag + t) * 2 * symbols + symbol] = 1
            }
        }
        return (Tensor(shape: [count, lag, 2 * symbols], scalars: inputs), Tensor(shape: [count], scalars: labels))
    }

    /// The network: `cell` over the sequence, Dense on the final state.
    func model(_ cell: RecurrentCell, hidden: Int, seed: UInt64) -> (RecurrentNetwork, Dense) {
        var generator = RandomGenerator(seed: seed)
        let network = RecurrentNetwork(cell, inputs: 2 * symbols, hidden: hidden, returnSequences: false, using: &generator)
        if cell != .elman, gateBias != 0 {
            for layer in network.layers {
                var bias = layer.inputBias.value.scalars
                for j in hidden..<(2 * hidden) { bias[j] += gateBias }
                layer.inputBias.value = Tensor(shape: [bias.count], scalars: bias)
            }
        }
        return (network, Dense(hidden, symbols, using: &generator))
    }

    /// Trains a fresh network; returns its accuracy on 1 024 new sequences and its last training loss.
    func train(_ cell: RecurrentCell, lag: Int, hidden: Int, batch size: Int, steps: Int, seed: UInt64) -> (accuracy: Double, loss: Float) {
        let (network, head) = model(cell, hidden: hidden, seed: seed)
        let optimizer = Adam(parameters: network.parameters() + head.parameters(), learningRate: 0.01)
        var generator = RandomGenerator(seed: seed &+ 1)
        var last = Float.nan
        for _ in 0..<steps {
            let (inputs, labels) = batch(count: size, lag: lag, using: &generator)
            optimizer.zeroGrad()
            let loss = crossEntropy(logits: head(network(Variable(inputs))), labels: labels)
            loss.backward()
            _ = clipGradients(network.parameters() + head.parameters(), maxNorm: 1)
            optimizer.step()
            last = loss.value.scalars[0]
        }
        var test = RandomGenerator(seed: seed &+ 2)
        let (inputs, labels) = batch(count: 1024, lag: lag, using: &test)
        let predicted = withoutGradient { head(network(Variable(inputs))).value.argmax(axis: 1) }
        let correct = zip(predicted.scalars, labels.scalars).filter { $0 == $1 }.count
        return (Double(correct) / 1024, last)
    }

    /// ‖∂L/∂x_t‖ for t = 0 … lag − 1 (mean over one batch) for a freshly initialised network.
    func gradientNorms(_ cell: RecurrentCell, lag: Int, hidden: Int, batch size: Int, seed: UInt64) -> [Double] {
        let (network, head) = model(cell, hidden: hidden, seed: seed)
        var generator = RandomGenerator(seed: seed &+ 3)
        let (inputs, labels) = batch(count: size, lag: lag, using: &generator)
        let x = Variable(inputs, requiresGradient: true)
        crossEntropy(logits: head(network(x)), labels: labels).backward()
        let gradient = x.grad!.scalars, width = 2 * symbols
        return (0..<lag).map { t in
            (0..<size).reduce(0.0) { total, b in
                let start = (b * lag + t) * width
                return total + Double(gradient[start..<(start + width)].reduce(Float(0)) { $0 + $1 * $1 }).squareRoot()
            } / Double(size)
        }
    }
}
