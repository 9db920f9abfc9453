import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench …`: speed measurements (never asserted in tests; compare as ratios in one run).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of Aprendiz's kernels and training steps.",
        subcommands: [
            BenchMLPCommand.self,
            BenchInferCommand.self,
            BenchGEMMCommand.self,
            BenchElementwiseCommand.self,
            BenchCNNCommand.self,
            BenchResNetCommand.self,
            BenchLSTMCommand.self,
            BenchAllCommand.self,
            BenchLinearAlgebraCommand.self,
            BenchCSVCommand.self,
            BenchClassicCommand.self,
            BenchSVMCommand.self,
            BenchMetaheuristicsCommand.self,
            BenchNeuroevolutionCommand.self,
            BenchForestCommand.self,
            BenchKNNCommand.self,
            BenchKMeansCommand.self,
            BenchTSNECommand.self,
            BenchUMAPCommand.self,
            BenchTransformerCommand.self,
            BenchGenerateCommand.self,
            BenchAllReduceCommand.self,
            BenchBoostingCommand.self,
        ]
    )
}

/// Options every benchmark shares.
struct BenchOptions: ParsableArguments {
    @Option(help: "Worker threads for kernels and BLAS (default: all cores).")
    var threads: Int?

    @Flag(help: "Print one JSON object per workload instead of a table.")
    var json = false

    /// Applies the thread count before measuring.
    func apply() throws {
        try applyThreadCount(threads)
    }
}

/// Timing helpers shared by the benchmarks.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `repeats` timings of `body` after one warm-up call; `prepare` runs before every call,
    /// outside the timed region (e.g. freeing the previous call's result).
    static func median(repeats: Int, prepare: () -> Void = {}, _ body: () -> Void) -> Double {
        prepare()
        body()
        let times = (0..<repeats).map { _ in
            prepare()
            return seconds(body)
        }.sorted()
        return times[times.count / 2]
    }
}

/// One line of benchmark output: a JSON object or a readable row.
struct BenchResult: Encodable {
    let workload: String
    let threads: Int
    let backend: String
    var gflops: Double?
    var elementsPerSecond: Double?
    var samplesPerSecond: Double?
    var microseconds: Double?

    enum CodingKeys: String, CodingKey {
        case workload, threads, backend, gflops
        case elementsPerSecond = "elements_per_second", samplesPerSecond = "samples_per_second", microseconds
    }

    func print(json: Bool) {
        if json {
            printJSONLine(self)
        } else {
            var figures: [String] = []
            if let gflops { figures.append(String(format: "%8.1f GFLOP/s", gflops)) }
            if let elementsPerSecond { figures.append(String(format: "%8.2f Gelem/s", elementsPerSecond / 1e9)) }
            if let samplesPerSecond { figures.append(String(format: "%10.0f samples/s", samplesPerSecond)) }
            if let microseconds { figures.append(String(format: "%8.2f µs", microseconds)) }
            Swift.print("\(workload.padding(toLength: 28, withPad: " ", startingAt: 0)) \(figures.joined(separator: "  "))  [\(threads) threads, \(backend)]")
        }
    }
}

/// Prints `row` as one JSON object with sorted keys (the `--json` output of every benchmark).
func printJSONLine(_ row: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try! encoder.encode(row), as: UTF8.self))
}
