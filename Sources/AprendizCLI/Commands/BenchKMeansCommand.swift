import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench kmeans`: milliseconds per Lloyd (or Elkan, `--algorithm elkan`) iteration of k-means (chapter 17) on the synthetic
/// rows × features float32 matrix of `bench classic`, starting from its first k rows as centres (the same
/// start as `Benchmarks/sklearn_clustering.py`, scikit-learn's side), tolerance 0, at most `--iterations`.
struct BenchKMeansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmeans",
        abstract: "Milliseconds per k-means (Lloyd) iteration on a synthetic rows × features float32 matrix."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Rows of the synthetic matrix.")
    var rows = 100_000

    @Option(help: "Features of the synthetic matrix.")
    var features = 64

    @Option(help: "Clusters k.")
    var clusters = 10

    @Option(help: "Lloyd iterations (fewer when the labels stop changing).")
    var iterations = 100

    @Option(help: "k-means iterations: \(KMeans.Algorithm.helpList(default: .lloyd)).",
            completion: .list(KMeans.Algorithm.names), transform: KMeans.Algorithm.argument)
    var algorithm: KMeans.Algorithm = .lloyd

    @Option(help: "Timed repetitions (the best is reported).")
    var repeats = 3

    func run() throws {
        try options.apply()
        guard rows > clusters, clusters >= 1, features >= 1, iterations >= 1, repeats >= 1 else {
            throw ValidationError("need rows > clusters ≥ 1, features ≥ 1, iterations ≥ 1, repeats ≥ 1")
        }
        let (x, _) = BenchClassicCommand.syntheticProblem(rows: rows, features: features)
        let start = x[0..<clusters]
        let kmeans = try KMeans(clusterCount: clusters, maxIterations: iterations, tolerance: 0, algorithm: algorithm)
        var best = Double.infinity, done = 0
        for _ in 0..<repeats {
            var model: FittedKMeans?
            let seconds = Stopwatch.seconds { model = try? kmeans.fit(x, startingFrom: start) }
            done = model?.iterations ?? 0
            best = min(best, seconds / Double(max(done, 1)))
        }
        BenchResult(workload: "kmeans\(algorithm == .elkan ? " elkan" : "") \(rows)x\(features) k=\(clusters) per iteration (\(done) iterations)",
                    threads: Parallel.threadCount, backend: MatrixMultiply.backendName, microseconds: best * 1e6).print(json: options.json)
    }
}
