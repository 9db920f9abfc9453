import Aprendiz
import AprendizLinearAlgebra
import ArgumentParser
import Foundation

/// `aprendiz bench linalg`: milliseconds of the chapter-4 factorisations, with LAPACK and with the
/// Swift fallback; `Benchmarks/numpy_reference.py linalg` runs the same workloads through NumPy/SciPy.
struct BenchLinearAlgebraCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linalg",
        abstract: "Milliseconds of SVD and eigh (512², 1024²), least squares (10 000×100) and a Cholesky solve (2 000²)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Backends to measure, comma-separated: lapack, swift (default: every one available).")
    var backends = LinearAlgebraBackend.available.map(\.rawValue).joined(separator: ",")

    @Option(help: "Matrix sizes for svd and eigh, comma-separated.")
    var sizes = "512,1024"

    func run() throws {
        try options.apply()
        let chosen = try backends.split(separator: ",").map { CatalogueLookup.normalized($0) }.map { name in
            guard let backend = LinearAlgebraBackend(rawValue: name), LinearAlgebraBackend.available.contains(backend) else {
                throw CLIError("--backends: '\(name)' is not available here (choose from \(LinearAlgebraBackend.available.map(\.rawValue)))")
            }
            return backend
        }
        for workload in LinearAlgebraWorkload.standard(sizes: try IntegerList.parse(sizes, option: "--sizes", example: "512,1024")) {
            for backend in chosen {
                let seconds = LinearAlgebraBackend.$current.withValue(backend) {
                    Stopwatch.median(repeats: workload.repeats, workload.run)
                }
                LinearAlgebraBenchResult(workload: workload.name, threads: Parallel.threadCount,
                                         backend: backend == .lapack ? "LAPACK (\(MatrixMultiply.backendName))" : "Swift",
                                         milliseconds: seconds * 1e3).print(json: options.json)
            }
        }
    }
}

/// One timed call with its inputs prepared outside the timing.
struct LinearAlgebraWorkload {
    let name: String
    let repeats: Int
    let run: () -> Void

    /// The issue's workloads; inputs seeded like `Benchmarks/numpy_reference.py` (same sizes, not the
    /// same numbers: both are standard-normal matrices).
    static func standard(sizes: [Int]) -> [LinearAlgebraWorkload] {
        var generator = RandomGenerator(seed: 1)
        var list: [LinearAlgebraWorkload] = []
        for n in sizes {
            let a = Tensor.randomNormal([n, n], using: &generator)
            let symmetric = (a + a.transposed()) * 0.5
            let repeats = n <= 512 ? 5 : 3
            list.append(LinearAlgebraWorkload(name: "svd n=\(n)", repeats: repeats) { _ = LinearAlgebra.svd(a) })
            list.append(LinearAlgebraWorkload(name: "eigh n=\(n)", repeats: repeats) { _ = LinearAlgebra.eigh(symmetric) })
        }
        let tall = Tensor.randomNormal([10_000, 100], using: &generator), b = Tensor.randomNormal([10_000], using: &generator)
        list.append(LinearAlgebraWorkload(name: "lstsq 10000x100", repeats: 5) { _ = LinearAlgebra.leastSquares(tall, b) })
        let x = Tensor.randomNormal([2_000, 2_000], using: &generator)
        let spd = x.matmul(x, transposeOther: true) + Tensor.eye(2_000) * 2_000
        let rhs = Tensor.randomNormal([2_000], using: &generator)
        list.append(LinearAlgebraWorkload(name: "cholesky solve n=2000", repeats: 5) {
            _ = LinearAlgebra.solvePositiveDefinite(spd, rhs)
        })
        return list
    }
}

/// One line (or JSON object) per workload and backend, in milliseconds.
struct LinearAlgebraBenchResult: Encodable {
    let workload: String
    let threads: Int
    let backend: String
    let milliseconds: Double

    func print(json: Bool) {
        if json {
            printJSONLine(self)
        } else {
            Swift.print("\(workload.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%10.1f ms", milliseconds))  [\(threads) threads, \(backend)]")
        }
    }
}
