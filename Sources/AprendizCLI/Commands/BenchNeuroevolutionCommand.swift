import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench neuroevolution`: evaluations per second of `NeuroevolutionTrainer` (chapter 11) on
/// iris (4-8-3 tanh) and digits (64-32-10 tanh), cross-entropy on the whole standardised data set,
/// with the population scored in one batched forward pass and candidate by candidate through the
/// model, alternated round by round (batched, per-candidate, batched, …) so both see the same load.
struct BenchNeuroevolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neuroevolution",
        abstract: "Network-training evaluations/s of a metaheuristic: batched population forward pass vs one candidate at a time."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Alternating rounds (the median of each side is reported).")
    var rounds = 3

    @Option(help: "Generations per timed run.")
    var generations = 50

    @Option(help: "The metaheuristic (\(MetaheuristicKind.names.joined(separator: ", "))).")
    var method = "pso"

    @Option(help: "Comma-separated data sets: iris (4-8-3), digits (64-32-10).")
    var datasets = "iris,digits"

    func run() throws {
        try options.apply()
        guard rounds >= 1, generations >= 1 else { throw CLIError("--rounds and --generations must be at least 1") }
        let kind = try MetaheuristicKind.list(method, option: "--method")
        guard kind.count == 1 else { throw CLIError("--method takes one metaheuristic, got \(method)") }
        for name in datasets.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let (dataset, hidden): (BundledDataset, Int) = switch name {
            case "iris": (.iris, 8)
            case "digits": (.digits, 32)
            default: throw CLIError("--datasets: unknown data set \(name) (expected iris, digits)")
            }
            let raw = try dataset.load()
            let data = TensorDataset(inputs: Standardizer(fitting: raw.inputs).transform(raw.inputs), targets: raw.targets)
            let features = data.inputs.shape[1], classes = dataset.classCount!
            var rates: [Bool: [Double]] = [true: [], false: []]
            for _ in 0..<rounds {
                for batched in [true, false] {
                    var generator = RandomGenerator(seed: 0)
                    let model = Sequential(Dense(features, hidden, using: &generator), Tanh(), Dense(hidden, classes, using: &generator))
                    let trainer = NeuroevolutionTrainer(model: model, loss: .crossEntropy, minimizer: kind[0].makeMinimizer(),
                                                        logInterval: generations + 1)
                    trainer.batchedForward = batched
                    var result: SearchResult?
                    let seconds = Stopwatch.seconds { result = trainer.fit(data, budget: .generations(generations), seed: 0) }
                    rates[batched]!.append(Double(result!.evaluations) / seconds)
                }
            }
            let row = NeuroevolutionBenchRow(dataset: name, network: "\(features)-\(hidden)-\(classes)", method: kind[0].name,
                                             rows: data.count, batched: rates[true]!, perCandidate: rates[false]!)
            row.print(json: options.json)
        }
    }
}

/// One data set: evaluations/s of both paths (every round and the medians).
struct NeuroevolutionBenchRow: Encodable {
    let dataset: String
    let network: String
    let method: String
    let rows: Int
    let batched: [Double]
    let perCandidate: [Double]

    var speedup: Double { median(batched) / median(perCandidate) }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    enum CodingKeys: String, CodingKey {
        case dataset, network, method, rows, batched, perCandidate = "per_candidate", speedup
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(network, forKey: .network)
        try container.encode(method, forKey: .method)
        try container.encode(rows, forKey: .rows)
        try container.encode(batched, forKey: .batched)
        try container.encode(perCandidate, forKey: .perCandidate)
        try container.encode(speedup, forKey: .speedup)
    }

    func print(json: Bool) {
        if json { return printJSONLine(self) }
        let rounds = { (values: [Double]) in values.map { String(format: "%.0f", $0) }.joined(separator: ", ") }
        Swift.print("\(dataset) \(network) \(method), \(rows) rows: batched \(rounds(batched)) evaluations/s; "
                    + "per candidate \(rounds(perCandidate)); ratio of medians \(String(format: "%.1f", speedup))×")
    }
}
