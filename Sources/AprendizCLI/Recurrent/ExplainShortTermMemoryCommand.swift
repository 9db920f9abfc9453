import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain short-term-memory`: the short-term memory problem of §23.5 — a simple RNN cannot
/// learn to recall a symbol seen many steps earlier, while LSTM and GRU can (Hochreiter & Schmidhuber
/// 1997; Bengio, Simard & Frasconi 1994), on the ``RecallTask``; and why: ‖∂L/∂h_t‖, the gradient the
/// final loss sends back to the state of step t (``HiddenStateGradients``), vanishes geometrically with
/// T − 1 − t for the simple RNN.
struct ExplainShortTermMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "short-term-memory",
        abstract: "Recall a symbol after a growing lag: the simple RNN fails, LSTM and GRU succeed (§23.5).",
        discussion: """
        For each lag, cell (rnn, lstm, gru) and seed, a network of --hidden units is trained for --steps Adam steps
        (η --learning-rate, gradient norm clipped to 1) on fresh batches of --batch sequences: step 0 holds one of
        --symbols signal symbols, steps 1 … lag − 1 random distractors; the target is the signal. The LSTM's
        forget-gate and the GRU's update-gate biases start at --gate-bias (3 ≈ log 20: the state survives tens of
        steps at the start; 0 is PyTorch's initialisation). The table prints the accuracy on 1 024 new sequences
        for each seed (chance 1/--symbols). Then, for the longest lag and the first seed, it prints ‖∂L/∂h_t‖, the
        gradient of the final loss with respect to the hidden state of step t (mean over a batch of the
        sequences' norms), at initialisation and after training: the simple RNN's falls geometrically with the
        distance T − 1 − t, the gated cells' much less (§23.5).
        Example: aprendiz explain short-term-memory --lags 5,10,20,40,80 --output memory.svg
        """
    )

    @Option(help: "Comma-separated lags (sequence lengths).") var lags = "5,10,20,40,80"
    @Option(help: "Adam steps per lag, cell and seed.") var steps = 300
    @Option(help: "Hidden units.") var hidden = 32
    @Option(help: "Sequences per batch.") var batch = 32
    @Option(help: "Signal symbols K (as many distractors).") var symbols = 4
    @Option(help: "Adam's learning rate.") var learningRate: Float = 0.003
    @Option(help: "Initial bias of the LSTM's forget gate and of the GRU's update gate z (0: PyTorch's initialisation).")
    var gateBias: Float = 3
    @Option(help: "Comma-separated seeds of the weights and the sequences; each lag and cell is trained once per seed.")
    var seeds = "1,2"
    @Option(name: [.customLong("output"), .customLong("out")], help: "Also write an SVG plot of ‖∂L/∂h_t‖ against t (log scale).")
    var output: String?

    static let cells: [RecurrentCell] = [.elman, .lstm(peepholes: false), .gru]

    func run() throws {
        let lagList = try IntegerList.parse(lags, option: "--lags", example: "5,10,20,40")
        let seedList = try IntegerList.parse(seeds, option: "--seeds", example: "1,2").map(UInt64.init)
        guard lagList.allSatisfy({ $0 >= 2 }) else { throw CLIError("--lags must all be at least 2, got \(lags)") }
        guard steps >= 1, hidden >= 1, batch >= 1 else { throw CLIError("--steps, --hidden and --batch must be at least 1") }
        guard symbols >= 2 else { throw CLIError("--symbols must be at least 2, got \(symbols)") }
        guard gateBias.isFinite else { throw CLIError("--gate-bias must be finite, got \(gateBias)") }
        guard learningRate.isFinite, learningRate > 0 else { throw CLIError("--learning-rate must be positive, got \(learningRate)") }
        let task = RecallTask(symbols: symbols, gateBias: gateBias, learningRate: learningRate)
        print("Recall the symbol of step 0 after `lag` steps (\(symbols) signal and \(symbols) distractor symbols, chance "
              + String(format: "%.2f", 1 / Double(symbols)) + "); \(hidden) units, \(steps) Adam steps (η \(learningRate)) of "
              + "\(batch) sequences, gate bias \(gateBias); accuracy for seeds \(seeds)")
        let column = 6 * seedList.count + 2
        print("  lag  " + Self.cells.map { $0.name.padding(toLength: column, withPad: " ", startingAt: 0) }.joined())
        let longest = lagList.max()!
        var trained: [RecallTask.Result] = []
        for lag in lagList {
            var row = String(format: "%5d  ", lag)
            for cell in Self.cells {
                let results = seedList.map { task.train(cell, lag: lag, hidden: hidden, batch: batch, steps: steps, seed: $0) }
                row += results.map { String(format: "%.2f  ", $0.accuracy) }.joined() + "  "
                if lag == longest, trained.count < Self.cells.count { trained.append(results[0]) }
            }
            print(row)
        }
        let initial = Self.cells.map { cell in
            let (network, head) = task.model(cell, hidden: hidden, seed: seedList[0])
            return task.hiddenStateGradientNorms(network, head: head, lag: longest, batch: batch, seed: seedList[0])
        }
        let final = trained.map { task.hiddenStateGradientNorms($0.network, head: $0.head, lag: longest, batch: batch, seed: seedList[0]) }
        print("‖∂L/∂h_t‖, lag \(longest), seed \(seedList[0]) (t = 0 is the signal's step, T − 1 the last), at initialisation | after training:")
        let shown = Array(Set([0, longest / 4, longest / 2, 3 * longest / 4, longest - 1])).sorted()
        print("    t  " + Self.cells.map { $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined()
              + "| " + Self.cells.map { $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined())
        for t in shown {
            print(String(format: "%5d  ", t) + initial.map { String(format: "%-12.3e", $0[t]) }.joined()
                  + "| " + final.map { String(format: "%-12.3e", $0[t]) }.joined())
        }
        guard let output else { return }
        try CommandOutput.write(Self.figure(initial: initial, trained: final, lag: longest).svg(), to: output)
    }

    /// ‖∂L/∂h_t‖ against t on a log scale: solid at initialisation, dashed after training, one colour per cell.
    static func figure(initial: [[Double]], trained: [[Double]], lag: Int) -> Figure {
        var figure = Figure(width: 760, height: 460, title: "Short-term memory (§23.5): ‖∂L/∂h_t‖ at lag \(lag)")
        figure.axes.xLabel = "time step t (the signal is at t = 0; the loss reads h at t = \(lag - 1))"
        figure.axes.yLabel = "‖∂L/∂h_t‖"
        figure.axes.yScale = .log
        figure.axes.legendPlacement = .outsideRight
        let steps = (0..<lag).map(Double.init)
        for (index, cell) in cells.enumerated() {
            let color = PlotColor.palette(index)
            figure.axes.plot(x: steps, y: initial[index], label: "\(cell.name), initial", style: .path(color: color))
            figure.axes.plot(x: steps, y: trained[index], label: "\(cell.name), trained", style: .dashed(color: color))
        }
        return figure
    }
}
