import AprendizAutodiff
import AprendizDistributed
import AprendizTensor

/// Data-parallel training over the processes of a `Distributed` run (PyTorch's
/// `DistributedDataParallel`, Horovod): every rank holds the whole model, takes its share of every
/// global batch, and the ranks average their gradients before each identical optimizer step, so the
/// run follows the one-process run with the same global batch (up to float32 summation order).
///
/// Set it on a ``Trainer`` (`trainer.dataParallel = DataParallel()`); then ``Trainer/fit(_:epochs:batchSize:shuffle:seed:initialEpoch:validation:)``
/// 1. broadcasts the parameters from rank 0 (``broadcastParameters(_:)``);
/// 2. draws each epoch's order from the same seed on every rank and cuts it into global batches of
///    `batchSize`, of which rank r takes the contiguous part ``shard(of:)``;
/// 3. during the backward pass on its part, all-reduces the weighted gradients in buckets
///    (``backward(_:parameters:weight:loss:stopRequested:)``):
/// ```
/// global batch B = ⋃_r B_r,  N = |B|,  n_r = |B_r| = ⌊N/p⌋ or ⌈N/p⌉,  w_r = n_r / N
/// g = Σ_r w_r · ∇(1/n_r Σ_{i∈B_r} ℓᵢ + penalties) = ∇(1/N Σ_{i∈B} ℓᵢ + penalties)
/// ```
/// — the one-process gradient of the global batch also when N is not a multiple of p (a rank with
/// n_r = 0 contributes zeros), for losses that are means over the batch (all of this project's).
///
/// The all-reduce overlaps with the backward pass (``backward(_:parameters:weight:loss:stopRequested:)``):
/// parameters go in buckets of at most ``bucketCapacity`` floats, in reverse order (the order the backward
/// pass finishes them), and a bucket's `MPI_Iallreduce` starts as soon as the autodiff engine reports all of
/// its gradients final (`Variable.backward(_:gradientReady:)`), buckets started in the same order on every
/// rank; the step waits for all of them before clipping and the optimizer (see `GradientBuckets`).
/// With ``overlapsBackward`` off, the same buckets are all-reduced after the backward pass (`MPI_Allreduce`).
/// The loss value and a stop request travel in the last bucket, so the logged loss is the global
/// batch's and all ranks stop at the same step. Layers with
/// per-rank state (dropout masks, batch-norm running statistics) see only their rank's examples.
public final class DataParallel {
    /// The processes taking part.
    public let world: Distributed
    /// Floats per all-reduce message (default 262 144 = 1 MiB; PyTorch's `bucket_cap_mb` is 25 MiB, too
    /// large to split the models here, whose gradients are 0.1–3.2 MB, into more than one bucket).
    public let bucketCapacity: Int
    /// Whether buckets are all-reduced during the backward pass (default) or after it.
    public let overlapsBackward: Bool
    /// All-reduce calls made so far (for tests and benchmarks).
    public private(set) var allReduceCount = 0
    /// Buckets whose all-reduce started before the backward pass ended, so far.
    public private(set) var bucketsStartedDuringBackward = 0
    /// Seconds spent waiting for overlapped all-reduces after the backward pass, so far: the communication
    /// the backward pass did not hide.
    public private(set) var communicationWaitSeconds = 0.0
    private var buckets: GradientBuckets?

    /// Data parallelism over `world` (default: this process's `Distributed.current`), with buckets of
    /// `bucketCapacity` floats, all-reduced during the backward pass when `overlapsBackward`.
    public init(world: Distributed = .current, bucketCapacity: Int = 1 << 18, overlapsBackward: Bool = true) {
        require(bucketCapacity >= 1, "DataParallel: invalid bucket capacity \(bucketCapacity)")
        self.world = world
        self.bucketCapacity = bucketCapacity
        self.overlapsBackward = overlapsBackward
    }

    /// This rank's contiguous part of a global batch and its weight n_r/N (``shard(of:rank:size:)``).
    public func shard(of batch: ArraySlice<Int>) -> (indices: [Int], weight: Float) {
        Self.shard(of: batch, rank: world.rank, size: world.size)
    }

    /// Rank `rank`'s contiguous part of `batch` split over `size` ranks, and its weight n_r/N: the
    /// first N mod p ranks take ⌈N/p⌉ examples, the others ⌊N/p⌋ (as `numpy.array_split`).
    public static func shard(of batch: ArraySlice<Int>, rank: Int, size: Int) -> (indices: [Int], weight: Float) {
        let total = batch.count
        let part = Distributed.share(of: total, rank: rank, size: size)
        guard total > 0 else { return ([], 0) }
        return (Array(batch[(batch.startIndex + part.lowerBound)..<(batch.startIndex + part.upperBound)]), Float(part.count) / Float(total))
    }

    /// Sets every parameter to rank 0's value (one broadcast per bucket).
    public func broadcastParameters(_ parameters: [Variable]) throws {
        try forEachBucket(of: parameters.map(\.value)) { indices, buffer in
            Self.pack(indices.map { parameters[$0].value }, into: buffer)
            try world.broadcast(buffer, root: 0)
            for (index, value) in zip(indices, Self.unpack(indices.map { parameters[$0].value }, from: buffer)) {
                parameters[index].value = value
            }
        }
    }

    /// Replaces every gradient with Σ_r w_r g_r (all ranks then hold the global batch's gradient) and
    /// returns Σ_r w_r · loss_r, the global batch's loss, and whether any rank requested a stop (both
    /// ride in the last bucket, so a step costs no extra message). A parameter without a gradient counts as zeros.
    public func averageGradients(_ parameters: [Variable], weight: Float, loss: Float,
                                 stopRequested: Bool = false) throws -> (loss: Float, stopRequested: Bool) {
        let gradients = parameters.map { $0.grad ?? Tensor.zeros($0.value.shape) }
        var globalLoss = weight * loss, stop = stopRequested
        try forEachBucket(of: gradients, extra: 2) { indices, buffer in
            let tensors = indices.map { gradients[$0] }
            let count = Self.pack(tensors, into: buffer, scale: weight)
            // The loss and the stop flag ride in the last bucket (the one holding parameter 0, or the only one).
            let carries = indices.contains(0) || parameters.isEmpty
            if carries { (buffer[count], buffer[count + 1]) = (globalLoss, stop ? 1 : 0) }
            try world.allReduce(UnsafeMutableBufferPointer(rebasing: buffer[0..<(carries ? count + 2 : count)]), op: .sum)
            allReduceCount += 1
            if carries { (globalLoss, stop) = (buffer[count], buffer[count + 1] > 0) }
            for (index, gradient) in zip(indices, Self.unpack(tensors, from: buffer)) { parameters[index].grad = gradient }
        }
        return (globalLoss, stop)
    }

    /// Back-propagates from `objective` (nothing when it is nil: an empty shard, or a loss that is not
    /// finite) and replaces every gradient with Σ_r w_r g_r, like ``averageGradients(_:weight:loss:stopRequested:)``,
    /// whose result it gives, but starting each bucket's all-reduce as soon as the backward pass has finished
    /// its gradients (with ``overlapsBackward`` off: backward, then ``averageGradients(_:weight:loss:stopRequested:)``).
    public func backward(_ objective: Variable?, parameters: [Variable], weight: Float, loss: Float,
                         stopRequested: Bool = false) throws -> (loss: Float, stopRequested: Bool) {
        guard overlapsBackward else {
            objective?.backward()
            return try averageGradients(parameters, weight: weight, loss: loss, stopRequested: stopRequested)
        }
        let shapes = parameters.map(\.value.shape)
        if buckets?.shapes != shapes { buckets = GradientBuckets(shapes: shapes, capacity: bucketCapacity) }
        let buckets = buckets!
        buckets.reset(loss: weight * loss, stop: stopRequested ? 1 : 0)
        var positions: [ObjectIdentifier: [Int]] = [:]
        for (index, parameter) in parameters.enumerated() { positions[ObjectIdentifier(parameter), default: []].append(index) }
        var failure: Error?
        objective?.backward(gradientReady: { leaf in
            guard failure == nil, let indices = positions[ObjectIdentifier(leaf)], let gradient = leaf.grad else { return }
            do {
                for index in indices { try buckets.add(gradient, of: index, scale: weight, world: self.world) }
            } catch { failure = error }
        })
        if let failure { throw failure }
        bucketsStartedDuringBackward += buckets.startedDuringBackward
        let result = try buckets.finish(world: world)
        allReduceCount += buckets.members.count
        communicationWaitSeconds += result.waitSeconds
        for (parameter, gradient) in zip(parameters, result.gradients) { parameter.grad = gradient }
        return (result.loss, result.stop > 0)
    }

    /// Copies `scale · tensors` one after another into `buffer`; returns the number of floats written.
    @discardableResult
    private static func pack(_ tensors: [Tensor], into buffer: UnsafeMutableBufferPointer<Float>, scale: Float = 1) -> Int {
        var offset = 0
        for tensor in tensors {
            tensor.withUnsafeBufferPointer { source in
                if scale == 1 {
                    buffer.baseAddress!.advanced(by: offset).update(from: source.baseAddress!, count: source.count)
                } else {
                    for i in source.indices { buffer[offset + i] = scale * source[i] }
                }
            }
            offset += tensor.count
        }
        return offset
    }

    /// Tensors shaped like `shapes`, filled one after another from `buffer`.
    private static func unpack(_ shapes: [Tensor], from buffer: UnsafeMutableBufferPointer<Float>) -> [Tensor] {
        var offset = 0
        return shapes.map { like in
            let tensor = Tensor(shape: like.shape, scalars: Array(buffer[offset..<offset + like.count]))
            offset += like.count
            return tensor
        }
    }

    /// Whether any rank asks to stop (a callback set ``Trainer/stopTraining`` on one rank): the same
    /// answer everywhere. The trainer asks once per epoch; within an epoch the request rides with the gradients.
    public func anyRank(_ flag: Bool) throws -> Bool {
        var value: [Float] = [flag ? 1 : 0]
        try world.allReduce(&value, op: .max)
        return value[0] > 0
    }

    /// Groups `tensors` in reverse order into buckets of at most ``bucketCapacity`` floats (a larger
    /// tensor gets a bucket of its own) and calls `body` with each bucket's tensor indices and a
    /// scratch buffer with room for their floats and `extra` more.
    private func forEachBucket(of tensors: [Tensor], extra: Int = 0,
                               _ body: ([Int], UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let buckets = GradientBuckets.group(sizes: tensors.map(\.count), capacity: bucketCapacity)
        let largest = buckets.map { $0.reduce(0) { $0 + tensors[$1].count } }.max() ?? 0
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: largest + extra)
        defer { buffer.deallocate() }
        for bucket in buckets {
            let count = bucket.reduce(0) { $0 + tensors[$1].count }
            try body(bucket, UnsafeMutableBufferPointer(rebasing: buffer[0..<count + extra]))
        }
    }
}
