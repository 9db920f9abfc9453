// A persistent worker-thread pool for the kernels (GEMM, im2col, pooling, element-wise loops).
//
// Why not `DispatchQueue.concurrentPerform`? The kernels call into the pool several times per layer
// per training step, often for jobs of tens of microseconds; libdispatch's hand-off on Linux, and
// even a condition-variable wake-up in a virtual machine, costs about as much as the job. It also
// cannot honour an explicit thread count (`aprendiz bench --threads 1`).
//
// Algorithm: a job is published in one 64-bit atomic *ticket* = generation << 32 | next index.
// The caller and the workers claim indices by compare-and-swap on the ticket (so a claim can never
// land in a later job), run them, and count them down in `pending`; the caller returns when
// `pending` is 0. Between jobs a worker spins on the ticket for a while (a training step issues the
// next job within microseconds) and only then parks on a condition variable; the caller broadcasts
// only when some worker is parked. A worker *registers* (`active`) before it reads the job's body,
// and the caller closes the ticket and waits for `active` to drain before it returns, so no worker
// can ever call a body whose frame is gone. Only one job runs at a time: a call made while the pool
// is busy (a nested call from inside a body, or a second caller thread) runs inline on its own
// thread, so nothing can deadlock.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CAprendizSIMD
import Foundation

/// Data-parallel loops on a persistent pool of worker threads.
public enum Parallel {
    /// Worker threads the kernels may use: `APRENDIZ_NUM_THREADS` if set, else the active processor
    /// count. Settable at run time (e.g. `aprendiz bench --threads 1`). It also bounds the matrix
    /// products on a system BLAS, which `MatrixMultiply` splits over this pool.
    public static var threadCount: Int {
        get { ThreadPool.shared.threadCount }
        set { ThreadPool.shared.threadCount = newValue }
    }

    /// Runs `body(i)` for every `i` in `0..<count`, spread over up to ``threadCount`` threads (the
    /// calling thread takes part), and returns when all are done. Runs inline when `count == 1`,
    /// `threadCount == 1`, or when called from inside another `forEach` (nested parallelism).
    /// The order in which indices run is unspecified; `body` must be safe to call concurrently.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        let pool = ThreadPool.shared
        if count == 1 || pool.threadCount == 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            pool.run(count: count, body: UncheckedBody(call: escaping))
        }
    }
}

/// Carries the caller's closure to the workers. The pool guarantees every call has returned before
/// `forEach` returns, so the closure never actually outlives the caller's frame.
struct UncheckedBody: @unchecked Sendable {
    let call: (Int) -> Void
}

/// The pool behind ``Parallel``: `threadCount - 1` workers plus the calling thread.
final class ThreadPool: @unchecked Sendable {
    static let shared = ThreadPool()

    /// Spin-wait iterations (each a `pause`, roughly 10–50 ns) a worker waits for the next job
    /// before it parks: about 100 µs, longer than the gaps between the jobs of a training step.
    static let spinLimit = 4_000
    /// The ticket's index when the job is closed (no more claims).
    private static let closed: Int64 = 0xFFFF_FFFF

    /// The atomics, each on its own 64-byte cache line: ticket, pending, active, sleepers, busy.
    private let atomics: UnsafeMutablePointer<Int64>
    private var ticket: UnsafeMutablePointer<Int64> { atomics }
    private var pending: UnsafeMutablePointer<Int64> { atomics + 8 }
    private var active: UnsafeMutablePointer<Int64> { atomics + 16 }
    private var sleepers: UnsafeMutablePointer<Int64> { atomics + 24 }
    private var busy: UnsafeMutablePointer<Int64> { atomics + 32 }

    // Written by the caller holding `busy` before the ticket is published; read by registered workers.
    private var body: UncheckedBody?
    private var count = 0
    private var helpers = 0              // workers allowed to join this job (worker index < helpers)
    private var workers = 0              // threads started so far (never stopped); only the busy caller starts them

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let requestedThreads: UnsafeMutablePointer<Int64>

    private init() {
        let lines = 5 * 64
        atomics = UnsafeMutableRawPointer.allocate(byteCount: lines, alignment: 64)
            .initializeMemory(as: Int64.self, repeating: 0, count: lines / 8)
        aprendiz_atomic_store(atomics, Self.closed)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        let environment = ProcessInfo.processInfo.environment["APRENDIZ_NUM_THREADS"].flatMap { Int($0) }
        requestedThreads = UnsafeMutablePointer<Int64>.allocate(capacity: 1)
        requestedThreads.initialize(to: Int64(max(1, environment ?? ProcessInfo.processInfo.activeProcessorCount)))
    }

    var threadCount: Int {
        get { Int(aprendiz_atomic_load(requestedThreads)) }
        set { aprendiz_atomic_store(requestedThreads, Int64(max(1, newValue))) }
    }

    @inline(__always) private static func generation(_ ticket: Int64) -> Int64 { ticket >> 32 }
    @inline(__always) private static func index(_ ticket: Int64) -> Int64 { ticket & 0xFFFF_FFFF }

    /// Runs the job on the caller plus up to `threadCount - 1` workers; inline if the pool is busy.
    func run(count: Int, body: UncheckedBody) {
        guard count < Int(Self.closed), aprendiz_atomic_compare_exchange(busy, 0, 1) else {
            for i in 0..<count { body.call(i) }
            return
        }
        // No worker reads the job fields now: the last job was closed and `active` drained.
        let generation = Self.generation(aprendiz_atomic_load(ticket)) &+ 1
        let wanted = min(threadCount, count) - 1
        while workers < wanted {
            startWorker(index: workers, seen: generation - 1)
            workers += 1
        }
        self.body = body
        self.count = count
        helpers = wanted
        aprendiz_atomic_store(pending, Int64(count))
        aprendiz_atomic_store(ticket, generation << 32)
        if aprendiz_atomic_load(sleepers) > 0 {
            pthread_mutex_lock(mutex)
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(mutex)
        }

        claim(generation: generation, count: count, body: body)
        while aprendiz_atomic_load(pending) > 0 { aprendiz_spin_pause() }

        aprendiz_atomic_store(ticket, generation << 32 | Self.closed)
        while aprendiz_atomic_load(active) > 0 { aprendiz_spin_pause() }
        self.body = nil
        aprendiz_atomic_store(busy, 0)
    }

    /// Claims and runs indices of job `generation` until none are left.
    private func claim(generation: Int64, count: Int, body: UncheckedBody) {
        var current = aprendiz_atomic_load(ticket)
        while Self.generation(current) == generation && Self.index(current) < Int64(count) {
            if aprendiz_atomic_compare_exchange(ticket, current, current + 1) {
                body.call(Int(Self.index(current)))
                aprendiz_atomic_add(pending, -1)
            }
            current = aprendiz_atomic_load(ticket)
        }
    }

    private func startWorker(index: Int, seen: Int64) {
        let thread = Thread { [self] in workerLoop(index: index, seen: seen) }
        thread.name = "aprendiz-worker-\(index)"
        thread.stackSize = 1 << 21
        thread.start()
    }

    /// True when the ticket holds an open job this worker has not yet looked at.
    @inline(__always) private func isNewJob(_ current: Int64, seen: Int64) -> Bool {
        Self.generation(current) != seen && Self.index(current) != Self.closed
    }

    /// A worker spins, then parks, until a new job is published; joins it if it is wanted.
    private func workerLoop(index: Int, seen initial: Int64) {
        var seen = initial
        while true {
            var spins = 0
            var current = aprendiz_atomic_load(ticket)
            while !isNewJob(current, seen: seen) {
                if spins < Self.spinLimit {
                    aprendiz_spin_pause()
                    spins += 1
                } else {
                    park(seen: seen)
                    spins = 0
                }
                current = aprendiz_atomic_load(ticket)
            }
            let generation = Self.generation(current)
            seen = generation
            aprendiz_atomic_add(active, 1)
            // Registered: the caller cannot close this job's frame until `active` drops again.
            let now = aprendiz_atomic_load(ticket)
            if Self.generation(now) == generation, Self.index(now) != Self.closed, index < helpers, let body {
                claim(generation: generation, count: count, body: body)
            }
            aprendiz_atomic_add(active, -1)
        }
    }

    /// Sleeps until the caller broadcasts a new job (checked again under the mutex, after announcing
    /// the sleep, so a job published in between is never missed).
    private func park(seen: Int64) {
        pthread_mutex_lock(mutex)
        aprendiz_atomic_add(sleepers, 1)
        if !isNewJob(aprendiz_atomic_load(ticket), seen: seen) { pthread_cond_wait(wake, mutex) }
        aprendiz_atomic_add(sleepers, -1)
        pthread_mutex_unlock(mutex)
    }
}

/// A plain pthread mutex (usable on macOS 14, where `Synchronization.Mutex` is unavailable).
final class PThreadLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
