import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench classic`: seconds to fit each chapter-12 model on a synthetic problem (the workload of
/// `Benchmarks/sklearn_reference.py`, scikit-learn's side, which builds the same data).
///
/// Data: x_ij = 2·frac(43758.5453·sin(12.9898·(i·features + j))) − 1 (a deterministic hash both sides
/// compute in float64), y = x·w + 0.1·noise with w_j = (j mod 7) − 3; the classifiers get the label
/// y > 0. One timed fit per model: wall seconds, then the process's CPU seconds (all threads) for the same fit,
/// which a loaded machine disturbs far less.
struct BenchClassicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classic",
        abstract: "Seconds to fit each linear model of chapter 12 on a synthetic rows × features problem."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Rows of the synthetic problem.")
    var rows = 100_000

    @Option(help: "Features of the synthetic problem.")
    var features = 100

    func run() throws {
        try options.apply()
        guard rows >= 10, features >= 1 else { throw ValidationError("--rows must be ≥ 10 and --features ≥ 1") }
        let (x, y) = Self.syntheticProblem(rows: rows, features: features)
        let labels = Tensor(y.scalars.map { $0 > 0 ? 1 : 0 })
        let workloads: [(String, () throws -> Void)] = [
            ("linear-regression", { _ = try LinearRegression().fit(x, y) }),
            ("ridge", { _ = try Ridge(alpha: 1).fit(x, y) }),
            ("lasso", { _ = try Lasso(alpha: 0.1).fit(x, y) }),
            ("elastic-net", { _ = try ElasticNet(alpha: 0.01, l1Ratio: 0.5).fit(x, y) }),
            ("huber", { _ = try HuberRegressor().fit(x, y) }),
            ("logistic-regression", { _ = try LogisticRegression(c: 1).fit(x, labels) }),
        ]
        try Self.timeFits(workloads, json: options.json)
    }

    /// Runs each fit once and prints its wall seconds (`fit NAME`) and the process's CPU seconds (`cpu NAME`).
    static func timeFits(_ workloads: [(String, () throws -> Void)], json: Bool) throws {
        for (name, fit) in workloads {
            var failure: Error?
            let cpuStart = processCPUSeconds()
            let seconds = Stopwatch.seconds { do { try fit() } catch { failure = error } }
            let cpuSeconds = processCPUSeconds() - cpuStart
            if let failure { throw failure }
            BenchResult(workload: "fit \(name)", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                        microseconds: seconds * 1e6).print(json: json)
            BenchResult(workload: "cpu \(name)", threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                        microseconds: cpuSeconds * 1e6).print(json: json)
        }
    }

    /// CPU seconds this process has used, all threads together (`CLOCK_PROCESS_CPUTIME_ID`, Python's
    /// `time.process_time`): on a loaded machine it varies far less than the wall time.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The data of `Benchmarks/sklearn_reference.py`.
    static func syntheticProblem(rows: Int, features: Int) -> (x: Tensor, y: Tensor) {
        func hash(_ k: Int) -> Double {
            let s = sin(12.9898 * Double(k)) * 43758.5453
            return 2 * (s - s.rounded(.down)) - 1
        }
        let x = (0..<(rows * features)).map { Float(hash($0)) }
        let w = (0..<features).map { Double($0 % 7 - 3) }
        let y = (0..<rows).map { i in
            Float((0..<features).reduce(0.0) { $0 + Double(x[i * features + $1]) * w[$1] } + 0.1 * hash(rows * features + i))
        }
        return (Tensor(shape: [rows, features], scalars: x), Tensor(y))
    }
}
