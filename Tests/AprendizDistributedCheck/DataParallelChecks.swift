import Aprendiz
import AprendizDistributed
import Foundation

/// A 20-feature, 5-class MLP (20-16-5, 421 parameters) trained 3 epochs on 300 blob rows, global batch 32,
/// with `DataParallel` over `world`: buckets of 20 floats (b₂, W₂, b₁, W₁ in 4 buckets of their own), each
/// all-reduced during the backward pass (`overlapsBackward`) or after it. The parameters (floats), the
/// all-reduce count and the buckets started before the backward pass ended.
func trainWithBuckets(_ world: Distributed, overlaps: Bool) throws -> (parameters: [Float], allReduces: Int, startedDuringBackward: Int) {
    let (x, y) = blobs(rows: 300, features: 20, centres: 5, spread: 4, seed: 21)
    var generator = RandomGenerator(seed: 8)
    let model = Sequential(Dense(20, 16, using: &generator), Tanh(), Dense(16, 5, using: &generator))
    let trainer = Trainer(model: model, loss: .crossEntropy,
                          optimizer: Adam(parameters: model.parameters(), learningRate: 0.01), penalties: [.l2(1e-3)])
    let parallel = DataParallel(world: world, bucketCapacity: 20, overlapsBackward: overlaps)
    trainer.dataParallel = parallel
    _ = try trainer.fit(TensorDataset(inputs: x, targets: Tensor(shape: [y.count], scalars: y.map(Float.init))), epochs: 3, batchSize: 32, seed: 4)
    return (model.parameters().flatMap(\.value.scalars), parallel.allReduceCount, parallel.bucketsStartedDuringBackward)
}

/// `trainWithBuckets` over `world`, overlapped and not, against the same training in one process
/// (`Distributed.single`, no MPI: what the program gives run without `mpirun`): the largest relative
/// difference ‖Δ‖∞/‖θ‖∞ of each, the digest of the overlapped parameters' bits (the same on every rank) and the
/// counts. (Short output: mpirun interleaves long lines of several ranks.)
func dataParallelCheck(_ world: Distributed) throws -> [String: Any] {
    let reference = try trainWithBuckets(.single, overlaps: false).parameters
    let overlapped = try trainWithBuckets(world, overlaps: true)
    let sequential = try trainWithBuckets(world, overlaps: false)
    func difference(_ values: [Float]) -> Double {
        guard values.count == reference.count else { return .infinity }
        let largest = zip(values, reference).map { abs($0 - $1) }.max() ?? 0
        return Double(largest / max(reference.map(abs).max() ?? 0, .leastNormalMagnitude))
    }
    return ["parameterCount": reference.count, "overlappedDifference": difference(overlapped.parameters),
            "sequentialDifference": difference(sequential.parameters), "parameters": digest(bits(overlapped.parameters)),
            "allReduces": overlapped.allReduces, "startedDuringBackward": overlapped.startedDuringBackward,
            "sequentialStartedDuringBackward": sequential.startedDuringBackward]
}

/// The timing behind Docs/Distributed.md's overlap measurement (`Benchmarks/overlap_timeline.py` runs it under
/// `mpirun -np 2`): a 784-128-10 MLP at global batch 256 on random data, 40 steps per round, with
/// `bucketCapacity` floats per bucket, overlapped and not, alternating over `rounds`. Per configuration: the
/// median seconds per step, the seconds per step spent waiting for all-reduces after the backward pass
/// (overlapped), and the buckets started before the backward pass ended.
func overlapTiming(_ world: Distributed, bucketCapacity: Int, rounds: Int) throws -> [String: Any] {
    var generator = RandomGenerator(seed: 3)
    let x = Tensor.randomUniform([256 * 40, 784], using: &generator)
    let y = Tensor(shape: [256 * 40], scalars: (0..<(256 * 40)).map { _ in Float(generator.next() % 10) })
    var results: [String: [Double]] = [:]
    for _ in 0..<rounds {
        for overlaps in [true, false] {
            let model = Sequential(Dense(784, 128, using: &generator), ReLU(), Dense(128, 10, using: &generator))
            let trainer = Trainer(model: model, loss: .crossEntropy, optimizer: Adam(parameters: model.parameters(), learningRate: 1e-3))
            let parallel = DataParallel(world: world, bucketCapacity: bucketCapacity, overlapsBackward: overlaps)
            trainer.dataParallel = parallel
            try world.barrier()
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try trainer.fit(TensorDataset(inputs: x, targets: y), epochs: 1, batchSize: 256, seed: 1)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let name = overlaps ? "overlapped" : "sequential"
            results[name + " seconds per step", default: []].append(seconds / 40)
            results[name + " wait seconds per step", default: []].append(parallel.communicationWaitSeconds / 40)
            results[name + " buckets started during backward per step", default: []].append(Double(parallel.bucketsStartedDuringBackward) / 40)
            results[name + " all-reduces per step", default: []].append(Double(parallel.allReduceCount) / 40)
        }
    }
    var output: [String: Any] = results.mapValues { values in values.sorted()[values.count / 2] }
    output["bucketCapacity"] = bucketCapacity
    output["rounds"] = rounds
    return output
}
