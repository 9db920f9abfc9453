import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench allreduce`: all-reduce throughput for message sizes 4 KB–64 MB over the
/// processes of an `mpirun`/`srun` run, the ring cost model's α and B fitted to it
/// (`AllReduceCostModel`), and the model's all-reduce time per step extrapolated to more nodes.
struct BenchAllReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allreduce",
        abstract: "MPI all-reduce of float32 messages, 4 KB to 64 MB (run under mpirun -np ≥ 2).",
        discussion: """
        Example: mpirun -np 2 aprendiz bench allreduce. Each size is timed over several calls after a warm-up
        and a barrier (the slowest rank's mean); the rows give algorithm bandwidth n/T and bus bandwidth
        2(p−1)/p·n/T. The fit of T = 2(p−1)α + 2(p−1)/p·n/B gives α and B; --extrapolate prints the predicted
        all-reduce time per step of the MLP, LeNet-5 and a 4-layer 128-wide transformer on 8, 64 and 512 nodes.
        """
    )

    @Flag(help: "Print one JSON object per row instead of a table.")
    var json = false

    @Option(help: "Smallest message in bytes.")
    var minBytes = 4 << 10

    @Option(help: "Largest message in bytes.")
    var maxBytes = 64 << 20

    @Flag(help: "Also print the fitted model's all-reduce time per step for three networks on 8, 64 and 512 nodes.")
    var extrapolate = false

    struct Row: Encodable {
        let workload: String, ranks: Int, bytes: Int, calls: Int
        let seconds: Double, algorithmBytesPerSecond: Double, busBytesPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case workload, ranks, bytes, calls, seconds
            case algorithmBytesPerSecond = "algorithm_bytes_per_second", busBytesPerSecond = "bus_bytes_per_second"
        }
    }

    struct Fit: Encodable {
        let workload = "allreduce fit"
        let ranks: Int, implementation: String
        let latencySeconds: Double, bandwidthBytesPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case workload, ranks, implementation
            case latencySeconds = "latency_seconds", bandwidthBytesPerSecond = "bandwidth_bytes_per_second"
        }
    }

    struct Prediction: Encodable {
        let workload = "allreduce prediction"
        let model: String, parameters: Int, nodes: Int, seconds: Double
    }

    func run() throws {
        guard minBytes >= 4, maxBytes >= minBytes else { throw CLIError("--min-bytes must be ≥ 4 and ≤ --max-bytes, got \(minBytes) and \(maxBytes)") }
        let world = try DistributedRun.world()
        guard world.isDistributed else {
            throw CLIError("bench allreduce needs at least 2 processes: run it as mpirun -np 2 aprendiz bench allreduce")
        }
        var sizes: [Int] = [], size = minBytes
        while size <= maxBytes { sizes.append(size); size *= 4 }
        var measured: [(bytes: Double, seconds: Double)] = []
        let p = Double(world.size)
        try DistributedRun.abortingOnError(world) {
            for bytes in sizes {
                var buffer = [Float](repeating: Float(world.rank + 1), count: bytes / 4)
                let calls = max(5, min(200, (256 << 20) / bytes))
                try world.allReduce(&buffer)
                try world.barrier()
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<calls { try world.allReduce(&buffer) }
                var elapsed = [Float(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(calls))]
                try world.allReduce(&elapsed, op: .max)
                let seconds = Double(elapsed[0])
                measured.append((Double(bytes), seconds))
                guard world.rank == 0 else { continue }
                let row = Row(workload: "allreduce", ranks: world.size, bytes: bytes, calls: calls, seconds: seconds,
                              algorithmBytesPerSecond: Double(bytes) / seconds, busBytesPerSecond: 2 * (p - 1) / p * Double(bytes) / seconds)
                if json { printJSONLine(row) } else {
                    print(String(format: "allreduce %9d B  %10.1f µs  %8.3f GB/s algorithm  %8.3f GB/s bus  [%d ranks, %d calls]",
                                 bytes, seconds * 1e6, row.algorithmBytesPerSecond / 1e9, row.busBytesPerSecond / 1e9, world.size, calls))
                }
            }
        }
        guard world.rank == 0 else { return }
        let model = AllReduceCostModel.fit(bytes: measured.map(\.bytes), seconds: measured.map(\.seconds), ranks: world.size)
        let fit = Fit(ranks: world.size, implementation: world.implementation ?? "none", latencySeconds: model.latency,
                      bandwidthBytesPerSecond: model.bandwidth)
        if json { printJSONLine(fit) } else {
            print(String(format: "fit: α = %.2f µs, B = %.3f GB/s  (T = 2(p−1)α + 2(p−1)/p·n/B, %@)", model.latency * 1e6,
                         model.bandwidth / 1e9, fit.implementation))
        }
        guard extrapolate else { return }
        for (name, parameters) in try Self.referenceModels() {
            for nodes in [8, 64, 512] {
                let prediction = Prediction(model: name, parameters: parameters, nodes: nodes,
                                            seconds: model.seconds(bytes: Double(parameters * 4), ranks: nodes))
                if json { printJSONLine(prediction) } else {
                    print(String(format: "%@ (%d parameters, %.2f MB) on %3d nodes: %9.1f µs per all-reduce", name, parameters,
                                 Double(parameters * 4) / 1e6, nodes, prediction.seconds * 1e6))
                }
            }
        }
    }

    /// Parameter counts: the `train` MLP on Fashion-MNIST (784 → 128 → 10), LeNet-5 from the model
    /// catalogue, and a 4-layer transformer encoder of width d = 128 with a 4d feed-forward layer
    /// (per layer 4d² + 4d attention, 8d² + 5d feed-forward, 4d layer norms = 12d² + 13d; embeddings excluded).
    static func referenceModels() throws -> [(String, Int)] {
        func count(_ model: Module) -> Int { model.parameters().reduce(0) { $0 + $1.value.count } }
        let mlp = try ModelFactory.make(.mlp, inputShape: [784], outputs: 10, hidden: [128], activation: try ModelFactory.activation("relu"),
                                        task: .classification, seed: 0)
        let lenet = try ModelFactory.make(try ModelKind.named("lenet5"), inputShape: [28, 28, 1], outputs: 10, hidden: [128],
                                          activation: try ModelFactory.activation("relu"), task: .classification, seed: 0)
        let d = 128
        return [("mlp 784-128-10", count(mlp)), ("lenet5", count(lenet)), ("transformer 4×128", 4 * (12 * d * d + 13 * d))]
    }
}
