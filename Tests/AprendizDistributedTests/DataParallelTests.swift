import Aprendiz
import Testing

/// The data-parallel arithmetic, checked in one process: the shards, and the `Trainer` path with
/// ``DataParallel`` on a single rank (weights 1, all-reduce a copy) is bit-identical to plain training.
@Suite struct DataParallelTests {
    @Test func shardsSplitLikeNumpyArraySplit() {
        // numpy.array_split(range(10, 20), 3) → [10..13], [14..16], [17..19]; weights 4/10, 3/10, 3/10.
        let batch = Array(0..<30)[10..<20]
        let parts = (0..<3).map { DataParallel.shard(of: batch, rank: $0, size: 3) }
        #expect(parts.map(\.indices) == [[10, 11, 12, 13], [14, 15, 16], [17, 18, 19]])
        #expect(parts.map(\.weight) == [0.4, 0.3, 0.3])
        // Fewer examples than ranks: the last ranks get none and weight 0.
        let small = (0..<4).map { DataParallel.shard(of: [7, 8][...], rank: $0, size: 4) }
        #expect(small.map(\.indices) == [[7], [8], [], []])
        #expect(small.map(\.weight) == [0.5, 0.5, 0, 0])
    }

    /// Asks the trainer to stop after a given batch of a given epoch (like Ctrl-C in the CLI).
    final class StopAfter: Callback {
        let epoch: Int, batch: Int
        var current = 0
        init(epoch: Int, batch: Int) { (self.epoch, self.batch) = (epoch, batch) }
        func epochWillBegin(_ epoch: Int, trainer: Trainer) { current = epoch }
        func batchDidEnd(_ batch: Int, examples: Int, loss: Float, trainer: Trainer) {
            if current == epoch, batch == self.batch { trainer.stopTraining = true }
        }
    }

    func train(_ parallel: DataParallel?, stop: StopAfter? = nil) throws -> (parameters: [Tensor], logs: [EpochLogs]) {
        let data = try BundledDataset.iris.load()
        let inputs = Standardizer(fitting: data.inputs).transform(data.inputs)
        var generator = RandomGenerator(seed: 5)
        let model = Sequential(Dense(4, 8, using: &generator), ReLU(), Dense(8, 3, using: &generator))
        let trainer = Trainer(model: model, loss: .crossEntropy,
                              optimizer: SGD(parameters: model.parameters(), learningRate: 0.05, momentum: 0.9),
                              penalties: [.l2(1e-3)], gradientClipping: .norm(5))
        trainer.dataParallel = parallel
        if let stop { trainer.callbacks.append(stop) }
        let logs = try trainer.fit(TensorDataset(inputs: inputs, targets: data.targets), epochs: 4, batchSize: 16, seed: 9)
        return (model.parameters().map { $0.value }, logs)
    }

    @Test func oneRankFollowsPlainTrainingBitForBit() throws {
        let plain = try train(nil)
        // 20 floats per bucket: the 4×8, 8, 8×3 and 3 tensors go in 4 buckets, so bucketing and unpacking are exercised.
        let parallel = DataParallel(world: .single, bucketCapacity: 20)
        let distributed = try train(parallel)
        #expect(plain.parameters == distributed.parameters)
        #expect(plain.logs.map { $0["loss"] } == distributed.logs.map { $0["loss"] })
        // 150 examples in batches of 16: 10 steps per epoch, 4 buckets each; the loss rides in the last.
        #expect(parallel.allReduceCount == 4 * 10 * 4)
    }

    @Test func overlappedBucketsStartDuringBackwardAndMatchTheSequentialPath() throws {
        // Reverse order b₂ (3), W₂ (24), b₁ (8), W₁ (32) with 20 floats per bucket: 4 buckets, each complete
        // (and started) as soon as its parameter's gradient is final, all before the backward pass ends.
        let overlapped = DataParallel(world: .single, bucketCapacity: 20)
        let sequential = DataParallel(world: .single, bucketCapacity: 20, overlapsBackward: false)
        let (a, b) = (try train(overlapped), try train(sequential))
        #expect(a.parameters == b.parameters)
        #expect(a.logs.map { $0["loss"] } == b.logs.map { $0["loss"] })
        #expect(overlapped.allReduceCount == 4 * 10 * 4 && sequential.allReduceCount == 4 * 10 * 4)
        #expect(overlapped.bucketsStartedDuringBackward == 4 * 10 * 4)
        #expect(sequential.bucketsStartedDuringBackward == 0)
        // One bucket (the default 1 MiB): it holds W₁, final last, so it starts during backward too.
        let single = DataParallel(world: .single)
        _ = try train(single)
        #expect(single.allReduceCount == 4 * 10 && single.bucketsStartedDuringBackward == 4 * 10)
    }

    @Test func aStopRequestEndsAtTheSameStepAsPlainTraining() throws {
        // The request rides with the next batch's gradients, whose update is then dropped.
        let plain = try train(nil, stop: StopAfter(epoch: 2, batch: 3))
        let distributed = try train(DataParallel(world: .single), stop: StopAfter(epoch: 2, batch: 3))
        #expect(plain.logs.count == 2 && distributed.logs.count == 2)
        #expect(plain.parameters == distributed.parameters)
        #expect(plain.logs.map { $0["loss"] } == distributed.logs.map { $0["loss"] })
    }
}
