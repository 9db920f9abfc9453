import Foundation

/// An all-reduce started with ``Distributed/startAllReduce(_:)`` and not yet waited for
/// (`MPI_Iallreduce`, MPI 3.0 §5.12): the ranks combine the buffer while this process goes on computing,
/// and ``wait()`` returns once the sum is in the buffer. Data-parallel training starts one per gradient
/// bucket as soon as the backward pass has finished that bucket's gradients.
///
/// The buffer must stay allocated and untouched until ``wait()`` returns. Every rank must start its
/// all-reduces in the same order with the same counts (MPI's rule for collectives, non-blocking ones
/// included). Without MPI, or with an MPI library older than 3.0, the reduction is done when it starts
/// (then ``wait()`` returns at once).
public final class PendingAllReduce {
    private let world: Distributed
    /// The `MPI_Request` (0 once complete, or when there was nothing to start).
    private var request: UInt = 0
    private var pending: Bool
    /// Seconds this process spent blocked in ``wait()`` (communication the computation did not hide).
    public private(set) var waitSeconds: Double = 0

    fileprivate init(world: Distributed, buffer: UnsafeMutableBufferPointer<Float>) throws {
        self.world = world
        guard let library = world.library, !buffer.isEmpty else {
            pending = false
            return
        }
        guard let start = library.nonBlockingAllReduce, library.wait != nil, library.test != nil,
              buffer.count <= Distributed.chunk else {
            pending = false
            try world.allReduce(buffer, op: .sum)
            return
        }
        var handle: UInt = 0
        try world.call("MPI_Iallreduce") {
            start($0.inPlace, buffer.baseAddress, Int32(buffer.count), $0.float, $0.sum, $0.commWorld, &handle)
        }
        request = handle
        pending = true
    }

    /// Whether the reduction has finished (`MPI_Test`, which also lets MPI progress it; it does not block).
    public func test() throws -> Bool {
        guard pending, let test = world.library?.test else { return true }
        var done: Int32 = 0
        var status = [UInt8](repeating: 0, count: MPILibrary.statusCapacity)
        try status.withUnsafeMutableBytes { bytes in
            try world.call("MPI_Test") { _ in test(&request, &done, bytes.baseAddress!) }
        }
        if done != 0 { pending = false }
        return !pending
    }

    /// Blocks until the sum is in the buffer (`MPI_Wait`).
    public func wait() throws {
        guard pending, let wait = world.library?.wait else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        var status = [UInt8](repeating: 0, count: MPILibrary.statusCapacity)
        try status.withUnsafeMutableBytes { bytes in
            try world.call("MPI_Wait") { _ in wait(&request, bytes.baseAddress!) }
        }
        pending = false
        waitSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

extension Distributed {
    /// Starts summing the floats of `buffer` over all ranks, in place, without waiting (`MPI_Iallreduce`
    /// with `MPI_IN_PLACE` and `MPI_SUM`); ``PendingAllReduce/wait()`` completes it. See ``PendingAllReduce``.
    public func startAllReduce(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> PendingAllReduce {
        try PendingAllReduce(world: self, buffer: buffer)
    }
}
