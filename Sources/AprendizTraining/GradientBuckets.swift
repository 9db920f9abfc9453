import AprendizAutodiff
import AprendizDistributed
import AprendizTensor
import Foundation

/// The gradient buckets of data-parallel steps, each all-reduced as soon as the backward pass has finished
/// its gradients, while the rest of the backward pass runs (PyTorch's `DistributedDataParallel` reducer;
/// Li et al., "PyTorch Distributed", VLDB 2020, §3.2.3):
/// ```
/// buckets: parameters in reverse order (the order the backward pass finishes them), ≤ capacity floats each
/// gradient of parameter i ready (Variable.backward's gradientReady)  →  w_r·g_i packed into its bucket
/// bucket k full, buckets 0 … k − 1 started  →  MPI_Iallreduce(bucket k)    (started in bucket order on every rank)
/// backward done  →  the rest packed (a parameter without a gradient counts as zeros) and started;
///                   wait for all; g_i ← Σ_r w_r·g_i,r
/// ```
/// The last bucket (the one holding parameter 0) also carries the loss and the stop flag.
final class GradientBuckets {
    /// Parameter indices of each bucket, in packing order.
    let members: [[Int]]
    /// Each parameter's bucket and its offset in that bucket's buffer.
    private let place: [(bucket: Int, offset: Int)]
    /// Each bucket's floats, without the 2 extra of the last one.
    let counts: [Int]
    /// The parameters' shapes.
    let shapes: [[Int]]
    private let buffers: [UnsafeMutableBufferPointer<Float>]
    private var filled: [Bool] = [], remaining: [Int] = [], requests: [PendingAllReduce?] = []
    private var started = 0

    /// Buckets for parameters of these shapes, in reverse order, at most `capacity` floats each (a larger
    /// parameter gets a bucket of its own); the last holds 2 floats more.
    init(shapes: [[Int]], capacity: Int) {
        self.shapes = shapes
        let sizes = shapes.map { $0.reduce(1, *) }
        let buckets = Self.group(sizes: sizes, capacity: capacity)
        members = buckets
        var place = [(bucket: Int, offset: Int)](repeating: (0, 0), count: sizes.count)
        var counts: [Int] = []
        for (bucket, indices) in buckets.enumerated() {
            var offset = 0
            for index in indices {
                place[index] = (bucket, offset)
                offset += sizes[index]
            }
            counts.append(offset)
        }
        self.place = place
        self.counts = counts
        buffers = counts.enumerated().map { bucket, count in
            UnsafeMutableBufferPointer<Float>.allocate(capacity: count + (bucket == buckets.count - 1 ? 2 : 0))
        }
    }

    deinit { buffers.forEach { $0.deallocate() } }

    /// Indices of tensors of `sizes` floats grouped in reverse order into buckets of at most `capacity`
    /// floats (a larger tensor gets a bucket of its own); one empty bucket when there is no tensor.
    static func group(sizes: [Int], capacity: Int) -> [[Int]] {
        var buckets: [[Int]] = [], current: [Int] = [], size = 0
        for index in sizes.indices.reversed() {
            if !current.isEmpty, size + sizes[index] > capacity {
                buckets.append(current)
                current = []
                size = 0
            }
            current.append(index)
            size += sizes[index]
        }
        if !current.isEmpty || sizes.isEmpty { buckets.append(current) }
        return buckets
    }

    /// Buckets started while the backward pass was still running, in the current step.
    private(set) var startedDuringBackward = 0

    /// Starts a step: no gradient packed, no all-reduce started; the loss and stop flag (known before the
    /// backward pass) go in the last bucket's 2 extra floats.
    func reset(loss: Float, stop: Float) {
        let last = members.count - 1
        (buffers[last][counts[last]], buffers[last][counts[last] + 1]) = (loss, stop)
        startedDuringBackward = 0
        filled = [Bool](repeating: false, count: place.count)
        remaining = members.map(\.count)
        requests = [PendingAllReduce?](repeating: nil, count: members.count)
        started = 0
    }

    /// Packs `scale · gradient` of parameter `index` (once per step) and starts every bucket now complete
    /// whose predecessors have started; lets MPI progress the ones in flight.
    func add(_ gradient: Tensor, of index: Int, scale: Float, world: Distributed) throws {
        guard !filled[index] else { return }
        filled[index] = true
        let (bucket, offset) = place[index]
        let target = buffers[bucket].baseAddress! + offset
        gradient.withUnsafeBufferPointer { source in
            if scale == 1 {
                target.update(from: source.baseAddress!, count: source.count)
            } else {
                for i in source.indices { target[i] = scale * source[i] }
            }
        }
        remaining[bucket] -= 1
        for request in requests[..<started] { _ = try request?.test() }
        startedDuringBackward += try startReady(world: world)
    }

    /// Starts, in bucket order, every complete bucket not yet started; returns how many were started.
    private func startReady(world: Distributed) throws -> Int {
        var count = 0
        while started < members.count, remaining[started] == 0 {
            requests[started] = try world.startAllReduce(buffer(started))
            started += 1
            count += 1
        }
        return count
    }

    /// The floats all-reduced for `bucket` (the last with its 2 extra).
    private func buffer(_ bucket: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: buffers[bucket][0..<(counts[bucket] + (bucket == members.count - 1 ? 2 : 0))])
    }

    /// After the backward pass: zeros for every parameter that got no gradient, the remaining buckets
    /// started, then waits for all. Returns the gradients Σ_r w_r·g_r (by parameter index), the summed loss
    /// and stop values, and the seconds spent waiting.
    func finish(world: Distributed) throws -> (gradients: [Tensor], loss: Float, stop: Float, waitSeconds: Double) {
        for index in filled.indices where !filled[index] {
            filled[index] = true
            let (bucket, offset) = place[index]
            (buffers[bucket].baseAddress! + offset).update(repeating: 0, count: shapes[index].reduce(1, *))
            remaining[bucket] -= 1
        }
        _ = try startReady(world: world)
        var waited = 0.0
        for request in requests {
            try request?.wait()
            waited += request?.waitSeconds ?? 0
        }
        let gradients = place.indices.map { index in
            let (bucket, offset) = place[index], count = shapes[index].reduce(1, *)
            return Tensor(shape: shapes[index], scalars: Array(buffers[bucket][offset..<(offset + count)]))
        }
        let last = members.count - 1
        return (gradients, buffers[last][counts[last]], buffers[last][counts[last] + 1], waited)
    }
}
