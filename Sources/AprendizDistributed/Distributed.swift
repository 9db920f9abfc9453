#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AprendizTensor
import Foundation

/// The processes of a distributed run and their collective operations, over MPI (the standard of
/// CPU clusters, under Horovod and PyTorch's `DistributedDataParallel`).
///
/// `Distributed.current` is this process's view. Started by a launcher (`mpirun`, `srun`; see
/// ``Launcher``), it loads MPI at run time (`MPILibrary`: Open MPI's `libmpi.so.40` or MPICH's
/// `libmpi.so.12`), calls `MPI_Init_thread(MPI_THREAD_SERIALIZED)`, makes MPI errors return
/// (`MPI_ERRORS_RETURN` on `MPI_COMM_WORLD`) so they are thrown as ``DistributedError/mpi(function:code:message:)``
/// with MPI's message, and calls `MPI_Finalize` at exit. Started directly, it is one rank of one
/// and every collective returns its input: everything runs as without MPI.
/// ```swift
/// let world = Distributed.current
/// var gradient: [Float] = …
/// try world.allReduce(&gradient, op: .mean)        // the same average on every rank
/// if world.rank == 0 { print("written by rank 0 of \(world.size)") }
/// ```
/// Every rank must make the same collective calls in the same order with buffers of the same
/// length (MPI's rule); calls are serialised by a lock, so any thread may make them.
public final class Distributed: @unchecked Sendable {
    /// This process's rank and the world's size, started at first use.
    public static let current = Distributed.start(environment: ProcessInfo.processInfo.environment)

    /// This process's index, 0 ..< ``size``.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    /// The launcher that started this process, if any.
    public let launcher: Launcher?
    /// Why MPI could not be started although a launcher started this process (the run continues as a single rank).
    public let startupProblem: DistributedError?
    let library: MPILibrary?
    private let lock = NSLock()

    /// Whether more than one process takes part.
    public var isDistributed: Bool { size > 1 }
    /// Whether MPI was started (also with one rank: `mpirun -np 1`).
    public var usesMPI: Bool { library != nil }
    /// The MPI implementation and file in use, e.g. `Open MPI (libmpi.so.40)`; nil without MPI.
    public var implementation: String? { library.map { "\($0.flavour.rawValue) (\($0.path))" } }

    private init(rank: Int, size: Int, launcher: Launcher?, problem: DistributedError?, library: MPILibrary?) {
        self.rank = rank
        self.size = size
        self.launcher = launcher
        self.startupProblem = problem
        self.library = library
    }

    /// A single rank without MPI: what `current` is in a process no launcher started.
    public static let single = Distributed(rank: 0, size: 1, launcher: nil, problem: nil, library: nil)

    nonisolated(unsafe) private static var exitLibrary: MPILibrary?

    private static func start(environment: [String: String]) -> Distributed {
        guard let launcher = Launcher.detect(environment) else { return single }
        let library: MPILibrary
        switch MPILibrary.load(environment: environment) {
        case .failure(let error): return Distributed(rank: 0, size: 1, launcher: launcher, problem: error, library: nil)
        case .success(let loaded): library = loaded
        }
        // MPI_Error_string is not allowed before MPI_Init has succeeded (Open MPI aborts).
        func failed(_ function: String, _ code: Int32, initialized: Bool = true) -> Distributed {
            let message = initialized ? library.message(for: code) : "MPI error \(code)"
            return Distributed(rank: 0, size: 1, launcher: launcher, problem: .mpi(function: function, code: code, message: message),
                               library: nil)
        }
        var flag: Int32 = 0
        _ = library.initialized(&flag)
        if flag == 0 {
            var provided: Int32 = 0
            let code = library.initThread(nil, nil, MPILibrary.threadSerialized, &provided)
            guard code == 0 else { return failed("MPI_Init_thread", code, initialized: false) }
            exitLibrary = library
            atexit { Distributed.finalizeAtExit() }
        }
        var code = library.setErrorHandler(library.commWorld, library.errorsReturn)
        guard code == 0 else { return failed("MPI_Comm_set_errhandler", code) }
        var size: Int32 = 1, rank: Int32 = 0
        code = library.commSize(library.commWorld, &size)
        guard code == 0 else { return failed("MPI_Comm_size", code) }
        code = library.commRank(library.commWorld, &rank)
        guard code == 0 else { return failed("MPI_Comm_rank", code) }
        if let expected = launcher.size, expected != Int(size) {
            let problem = DistributedError.mismatch("\(launcher.name) started \(expected) processes but \(library.flavour.rawValue) (\(library.path)) sees \(size): the MPI library does not belong to the launcher; name the right one with APRENDIZ_MPI_LIBRARY")
            return Distributed(rank: 0, size: 1, launcher: launcher, problem: problem, library: nil)
        }
        return Distributed(rank: Int(rank), size: Int(size), launcher: launcher, problem: nil, library: library)
    }

    /// `MPI_Finalize`, once, when the process exits normally (registered with `atexit` after `MPI_Init_thread`).
    private static func finalizeAtExit() {
        guard let library = exitLibrary else { return }
        var done: Int32 = 0
        _ = library.finalized(&done)
        if done == 0 { _ = library.finalize() }
    }

    /// Runs an MPI call under the lock and throws its error with MPI's message.
    func call(_ function: String, _ body: (MPILibrary) -> Int32) throws {
        guard let library else { return }
        lock.lock()
        let code = body(library)
        lock.unlock()
        if code != 0 { throw DistributedError.mpi(function: function, code: code, message: library.message(for: code)) }
    }

    /// MPI's `int` counts: long buffers go in pieces of at most 2³⁰ elements.
    static let chunk = 1 << 30

    /// Waits until every rank has called it (`MPI_Barrier`).
    public func barrier() throws {
        try call("MPI_Barrier") { $0.barrier($0.commWorld) }
    }

    /// Replaces `values` on every rank with rank `root`'s (`MPI_Bcast`); every rank passes the same count.
    public func broadcast(_ values: inout [Float], root: Int = 0) throws {
        try values.withUnsafeMutableBufferPointer { try broadcast($0, root: root) }
    }

    /// Replaces the floats of `buffer` on every rank with rank `root`'s (`MPI_Bcast`). Under MPI a root
    /// outside 0..<size is MPI's error (`MPI_ERR_ROOT`), thrown; without MPI the root must be 0.
    public func broadcast(_ buffer: UnsafeMutableBufferPointer<Float>, root: Int = 0) throws {
        require(library != nil || root == 0, "Distributed.broadcast: root \(root) is not a rank of 0..<\(size)")
        for start in stride(from: 0, to: buffer.count, by: Self.chunk) {
            let count = Int32(min(Self.chunk, buffer.count - start))
            try call("MPI_Bcast") { $0.broadcast(buffer.baseAddress! + start, count, $0.float, Int32(root), $0.commWorld) }
        }
    }

    /// Rank `root`'s tensor, on every rank (every rank passes a tensor of the same shape).
    public func broadcast(_ tensor: Tensor, root: Int = 0) throws -> Tensor {
        var result = tensor
        try result.withUnsafeMutableBufferPointer { try broadcast($0, root: root) }
        return result
    }

    /// Combines `values` element by element over all ranks, in place, the same result on every rank
    /// (`MPI_Allreduce` with `MPI_IN_PLACE`; ``ReductionOperation/mean`` divides the sum by ``size``).
    public func allReduce(_ values: inout [Float], op: ReductionOperation = .sum) throws {
        try values.withUnsafeMutableBufferPointer { try allReduce($0, op: op) }
    }

    /// Combines the floats of `buffer` element by element over all ranks, in place (see ``allReduce(_:op:)-([Float],_)``).
    public func allReduce(_ buffer: UnsafeMutableBufferPointer<Float>, op: ReductionOperation = .sum) throws {
        guard library != nil, !buffer.isEmpty else { return }
        for start in stride(from: 0, to: buffer.count, by: Self.chunk) {
            let count = Int32(min(Self.chunk, buffer.count - start))
            try call("MPI_Allreduce") {
                $0.allReduce($0.inPlace, buffer.baseAddress! + start, count, $0.float, op == .max ? $0.max : $0.sum, $0.commWorld)
            }
        }
        if op == .mean {
            let scale = 1 / Float(size)
            for index in buffer.indices { buffer[index] *= scale }
        }
    }

    /// Combines `values` element by element over all ranks in `Double`, in place (`MPI_Allreduce` of
    /// `MPI_DOUBLE`; see ``allReduce(_:op:)-([Float],_)``). A sum where every rank but one passes 0 for an
    /// element returns that rank's value exactly (x + 0 = x), which the classic estimators use to
    /// share per-block partial sums and then add them in one fixed order.
    public func allReduce(_ values: inout [Double], op: ReductionOperation = .sum) throws {
        guard library != nil, !values.isEmpty else { return }
        try values.withUnsafeMutableBufferPointer { buffer in
            for start in stride(from: 0, to: buffer.count, by: Self.chunk) {
                let count = Int32(min(Self.chunk, buffer.count - start))
                try call("MPI_Allreduce") {
                    $0.allReduce($0.inPlace, buffer.baseAddress! + start, count, $0.double, op == .max ? $0.max : $0.sum, $0.commWorld)
                }
            }
        }
        if op == .mean {
            let scale = 1 / Double(size)
            for index in values.indices { values[index] *= scale }
        }
    }

    /// The element-wise combination of `tensor` over all ranks (every rank passes the same shape).
    public func allReduce(_ tensor: Tensor, op: ReductionOperation = .sum) throws -> Tensor {
        var result = tensor
        try result.withUnsafeMutableBufferPointer { try allReduce($0, op: op) }
        return result
    }

    /// Every rank's `values`, concatenated in rank order, on every rank (`MPI_Allgather`). All ranks
    /// pass the same count; a mismatch throws ``DistributedError/mismatch(_:)`` naming the counts.
    public func allGather(_ values: [Float]) throws -> [Float] {
        guard library != nil else { return values }
        require(values.count <= Int(Int32.max), "Distributed.allGather: \(values.count) values exceed MPI's int count")
        var counts = [Int32](repeating: 0, count: size)
        var own = Int32(values.count)
        try call("MPI_Allgather") { $0.allGather(&own, 1, $0.int32, &counts, 1, $0.int32, $0.commWorld) }
        guard Set(counts).count == 1 else {
            throw DistributedError.mismatch("Distributed.allGather: the ranks pass different counts \(counts.map(Int.init))")
        }
        var result = [Float](repeating: 0, count: values.count * size)
        try values.withUnsafeBufferPointer { sent in
            try result.withUnsafeMutableBufferPointer { received in
                try call("MPI_Allgather") {
                    $0.allGather(sent.baseAddress, own, $0.float, received.baseAddress, own, $0.float, $0.commWorld)
                }
            }
        }
        return result
    }

    /// Every rank's bytes, of any length, in rank order, on every rank: the lengths are gathered
    /// first, then each rank's bytes padded to the longest (`MPI_Allgather` of `MPI_BYTE`).
    public func allGather(bytes: [UInt8]) throws -> [[UInt8]] {
        guard library != nil else { return [bytes] }
        require(bytes.count <= Int(Int32.max) / size, "Distributed.allGather: \(bytes.count) bytes from each of \(size) ranks exceed MPI's int count")
        var counts = [Int32](repeating: 0, count: size)
        var own = Int32(bytes.count)
        try call("MPI_Allgather") { $0.allGather(&own, 1, $0.int32, &counts, 1, $0.int32, $0.commWorld) }
        let longest = Int(counts.max() ?? 0)
        guard longest > 0 else { return counts.map { _ in [] } }
        let padded = bytes + [UInt8](repeating: 0, count: longest - bytes.count)
        var received = [UInt8](repeating: 0, count: longest * size)
        try padded.withUnsafeBufferPointer { sent in
            try received.withUnsafeMutableBufferPointer { out in
                try call("MPI_Allgather") {
                    $0.allGather(sent.baseAddress, Int32(longest), $0.byte, out.baseAddress, Int32(longest), $0.byte, $0.commWorld)
                }
            }
        }
        return counts.enumerated().map { rank, count in Array(received[(rank * longest)..<(rank * longest + Int(count))]) }
    }

    /// This rank's contiguous part of `0..<count` split over the ranks: the first `count mod size`
    /// ranks take ⌈count/size⌉ items, the others ⌊count/size⌋ (as `numpy.array_split`).
    public func share(of count: Int) -> Range<Int> { Self.share(of: count, rank: rank, size: size) }

    /// Rank `rank`'s contiguous part of `0..<count` split over `size` ranks (see ``share(of:)``).
    public static func share(of count: Int, rank: Int, size: Int) -> Range<Int> {
        require(size >= 1 && rank >= 0 && rank < size, "Distributed.share: rank \(rank) is not in 0..<\(size)")
        let base = count / size, extra = count % size
        let start = rank * base + min(rank, extra)
        return start..<(start + base + (rank < extra ? 1 : 0))
    }

    /// Every rank's tensor stacked on the first axis in rank order: shape `[size·n, …]` from `[n, …]` (the same shape on every rank).
    public func allGather(_ tensor: Tensor) throws -> Tensor {
        require(!tensor.shape.isEmpty, "Distributed.allGather: a scalar tensor has no first axis to gather along")
        let gathered = try allGather(tensor.scalars)
        return Tensor(shape: [tensor.shape[0] * size] + tensor.shape.dropFirst(), scalars: gathered)
    }

    /// Ends every process of the run (`MPI_Abort`), e.g. after an error on one rank that the others would wait for.
    public func abort(code: Int32 = 1) -> Never {
        if let library { _ = library.abort(library.commWorld, code) }
        exit(code)
    }
}
