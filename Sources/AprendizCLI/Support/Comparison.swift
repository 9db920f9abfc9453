import Aprendiz
import Foundation

/// A mean and sample standard deviation over repeats (std 0 for one run).
struct MeanStd: Codable {
    var mean: Double
    var std: Double

    init(_ values: [Double]) {
        let n = Double(max(values.count, 1))
        let mean = values.reduce(0, +) / n
        self.mean = mean
        std = values.count < 2 ? 0 : (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
    }

    /// `0.8712 ± 0.0031`.
    func formatted(_ format: String = "%.4f") -> String {
        String(format: format, mean) + " ± " + String(format: format, std)
    }
}

/// One training run of one candidate.
struct CandidateRun: Codable {
    var seed: UInt64
    var epochs: [EpochRecord]
    var finalTestAccuracy: Double
    var bestTestAccuracy: Double
    var secondsPerEpoch: Double
    /// ‖∂L/∂W₁‖ of the first layer's weights on a fixed batch after each epoch (activations).
    var firstLayerGradientNorms: [Double]?
}

/// All runs of one candidate (an optimizer or an activation) and their statistics.
struct CandidateResult: Codable {
    var name: String
    var runs: [CandidateRun] = []
    /// Why it has no result (the loss diverged), if so.
    var failure: String?

    var finalTestAccuracy: MeanStd { MeanStd(runs.map(\.finalTestAccuracy)) }
    var bestTestAccuracy: MeanStd { MeanStd(runs.map(\.bestTestAccuracy)) }
    var secondsPerEpoch: MeanStd { MeanStd(runs.map(\.secondsPerEpoch)) }
    var gradientNorm: MeanStd? {
        let last = runs.compactMap { $0.firstLayerGradientNorms?.last }
        return last.isEmpty ? nil : MeanStd(last)
    }

    /// The mean over runs of `key` per epoch.
    func meanCurve(_ key: String) -> [Double] {
        guard let epochs = runs.map(\.epochs.count).min(), epochs > 0 else { return [] }
        return (0..<epochs).map { e in runs.map { Double($0.epochs[e].values[key] ?? .nan) }.reduce(0, +) / Double(runs.count) }
    }

    enum CodingKeys: String, CodingKey {
        case name, runs, failure, finalTestAccuracy, bestTestAccuracy, secondsPerEpoch, gradientNorm
    }

    init(name: String) { self.name = name }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        runs = try container.decode([CandidateRun].self, forKey: .runs)
        failure = try container.decodeIfPresent(String.self, forKey: .failure)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(runs, forKey: .runs)
        try container.encodeIfPresent(failure, forKey: .failure)
        if !runs.isEmpty {
            try container.encode(finalTestAccuracy, forKey: .finalTestAccuracy)
            try container.encode(bestTestAccuracy, forKey: .bestTestAccuracy)
            try container.encode(secondsPerEpoch, forKey: .secondsPerEpoch)
            try container.encodeIfPresent(gradientNorm, forKey: .gradientNorm)
        }
    }
}

/// The result of `aprendiz compare` (its `--json` output and the report's metrics.json).
struct ComparisonSummary: Codable {
    var command: String
    var version = AprendizVersion.current
    /// The command line that produced it.
    var invocation: String
    var settings: TrainingSettings
    var repeats: Int
    var candidates: [CandidateResult]
    var seconds: Double
    var interrupted: Bool

    /// `optimizer` or `activation`.
    var candidateKind: String { command.hasSuffix("optimizers") ? "optimizer" : "activation" }

    /// The §6.5 / §7.8 / §8.8-style Markdown table.
    func markdownTable() -> String {
        let showsGradient = candidates.contains { $0.gradientNorm != nil }
        var header = [candidateKind, "final test accuracy", "best test accuracy", "s / epoch"]
        if showsGradient { header.append("‖∇W₁‖ (last epoch)") }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        for candidate in candidates {
            var cells: [String]
            if let failure = candidate.failure, candidate.runs.isEmpty {
                cells = [candidate.name, failure, "—", "—"] + (showsGradient ? ["—"] : [])
            } else {
                cells = [candidate.name, candidate.finalTestAccuracy.formatted(), candidate.bestTestAccuracy.formatted(),
                         candidate.secondsPerEpoch.formatted("%.2f")]
                if showsGradient { cells.append(candidate.gradientNorm?.formatted("%.3g") ?? "—") }
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
