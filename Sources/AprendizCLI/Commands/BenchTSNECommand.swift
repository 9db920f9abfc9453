import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench tsne`: seconds for one Barnes–Hut t-SNE fit (§16.4.2, scikit-learn's defaults, seed 0) on the
/// first `--limit` Fashion-MNIST training images (pixels in [0, 1], as `Benchmarks/sklearn_manifold.py` loads
/// them). `--output` writes the map as CSV (x,y,label) so that script scores both sides with the same
/// trustworthiness; `--trustworthiness` also scores it here (k = 10, O(n²·784), not timed).
struct BenchTSNECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsne",
        abstract: "Seconds for one t-SNE fit on the first --limit Fashion-MNIST images (seed 0)."
    )

    @OptionGroup var options: BenchManifoldOptions

    @Option(help: "Total gradient-descent iterations (scikit-learn's max_iter).")
    var iterations = 1000

    func run() throws {
        try options.options.apply()
        guard iterations >= 250 else { throw ValidationError("--iterations must be at least 250, got \(iterations)") }
        let (x, labels) = try options.images()
        let (result, time) = try BenchManifoldOptions.measure { try TSNE(maxIterations: iterations, seed: 0).fit(x) }
        try options.report(workload: "tsne fashion-mnist \(x.shape[0]) points (\(result.iterations) iterations)", time: time,
                           x: x, map: result.embedding, labels: labels)
    }
}

/// The options and the output `bench tsne` and `bench umap` share.
struct BenchManifoldOptions: ParsableArguments {
    @OptionGroup var options: BenchOptions

    @Option(help: "The first N Fashion-MNIST training images.")
    var limit = 5000

    @Option(name: [.customLong("output"), .customLong("out")], help: "Write the map as CSV (x,y,label) to this file.")
    var output: String?

    @Flag(name: .customLong("trustworthiness"), help: "Also report the map's trustworthiness (k = 10; computed after timing, O(n²·784)).")
    var score = false

    /// One benchmark line: the fit's wall-clock and CPU seconds (user + system, all threads: the steadier
    /// figure on a loaded machine) and, when asked, the map's trustworthiness.
    struct Row: Encodable {
        let workload: String
        let threads: Int
        let backend: String
        let seconds: Double
        let cpuSeconds: Double
        var trustworthiness: Double?

        enum CodingKeys: String, CodingKey {
            case workload, threads, backend, seconds, cpuSeconds = "cpu_seconds", trustworthiness
        }
    }

    /// Runs `body` once; its result, wall-clock seconds and the process's CPU seconds (user + system) spent in it.
    static func measure<T>(_ body: () throws -> T) throws -> (T, (wall: Double, cpu: Double)) {
        func cpu() -> Double {
            var usage = rusage()
            getrusage(0, &usage)  // RUSAGE_SELF
            let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
        let (cpuStart, start) = (cpu(), DispatchTime.now().uptimeNanoseconds)
        let result = try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (result, (wall, cpu() - cpuStart))
    }

    /// The first `limit` training images as `[n, 784]` rows in [0, 1], and their labels.
    func images() throws -> (x: Tensor, labels: [Int]) {
        guard limit >= 40 else { throw ValidationError("--limit must be at least 40 (t-SNE's perplexity 30 < n), got \(limit)") }
        let set = try ImageDataset.fashionMNIST.load(.train)
        let n = min(limit, set.count)
        let x = set.inputs.reshaped([set.count, -1]).slice(axis: 0, 0..<n)
        return (x, set.targets.reshaped([-1]).slice(axis: 0, 0..<n).scalars.map { Int($0) })
    }

    /// Writes the CSV when `--output` is given and prints the row (JSON with `--json`).
    func report(workload: String, time: (wall: Double, cpu: Double), x: Tensor, map: Tensor, labels: [Int]) throws {
        if let output {
            let points = map.scalars
            let rows = labels.indices.map { i in "\(points[2 * i]),\(points[2 * i + 1]),\(labels[i])" }
            try CommandOutput.write((["x,y,label"] + rows).joined(separator: "\n") + "\n", to: output)
        }
        var row = Row(workload: workload, threads: Parallel.threadCount, backend: MatrixMultiply.backendName, seconds: time.wall,
                      cpuSeconds: time.cpu)
        if score { row.trustworthiness = trustworthiness(x: x, embedding: map, k: 10) }
        if options.json {
            printJSONLine(row)
        } else {
            let score = row.trustworthiness.map { String(format: "  trustworthiness %.4f", $0) } ?? ""
            print("\(workload)  \(String(format: "%.2f s (CPU %.2f s)", time.wall, time.cpu))\(score)  [\(row.threads) threads]")
        }
    }
}
