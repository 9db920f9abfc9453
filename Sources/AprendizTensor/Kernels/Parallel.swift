// A persistent worker-thread pool for the kernels (GEMM, element-wise loops).
//
// Why not `DispatchQueue.concurrentPerform`? It is fine for large jobs, but the kernels call into
// the pool once per layer per training step, often for jobs of a few hundred microseconds, and on
// Linux each call pays libdispatch's thread hand-off plus a fresh closure context. A pool of parked
// threads that the caller wakes with one condition-variable broadcast is cheaper and, more
// importantly, honours an explicit thread count (`aprendiz bench --threads 1`).
//
// Algorithm: `forEach(count, body)` publishes a job (body, count, next index) under one mutex and
// wakes the parked workers; the caller and every participating worker then claim indices
// `next, next+1, …` under the mutex until none are left; the caller waits until every claimed index
// has finished. The job counts are small (a few per thread), so one lock per index costs nothing
// measurable. Only one job runs at a time: a call made while the pool is busy (a nested call from
// inside a body, or a second caller thread) runs inline on its own thread, so nothing can deadlock.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Data-parallel loops on a persistent pool of worker threads.
public enum Parallel {
    /// Worker threads the kernels may use: `APRENDIZ_NUM_THREADS` if set, else the active processor
    /// count. Settable at run time (e.g. `aprendiz bench --threads 1`); setting it also sets the
    /// thread count of a loaded OpenBLAS, so both back ends use the same number of cores.
    public static var threadCount: Int {
        get { ThreadPool.shared.threadCount }
        set {
            let n = max(1, newValue)
            ThreadPool.shared.threadCount = n
            BLASLibrary.shared?.setThreadCount(n)
        }
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

/// The pool behind ``Parallel``: `threadCount - 1` parked workers plus the calling thread.
final class ThreadPool: @unchecked Sendable {
    static let shared = ThreadPool()

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    // Everything below is protected by `mutex`.
    private var requestedThreads: Int
    private var workers = 0              // threads started so far (never stopped)
    private var busy = false             // a job is running
    private var generation: UInt64 = 0   // bumped per job so parked workers notice it
    private var body: UncheckedBody?
    private var count = 0                // indices in the job
    private var next = 0                 // next unclaimed index
    private var unfinished = 0           // indices claimed or unclaimed that have not returned
    private var helpers = 0              // workers allowed to join this job (index < helpers)

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(done, nil)
        let environment = ProcessInfo.processInfo.environment["APRENDIZ_NUM_THREADS"].flatMap { Int($0) }
        requestedThreads = max(1, environment ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    var threadCount: Int {
        get { locked { requestedThreads } }
        set { locked { requestedThreads = max(1, newValue) } }
    }

    private func locked<T>(_ work: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return work()
    }

    /// Runs the job on the caller plus up to `threadCount - 1` workers; inline if the pool is busy.
    func run(count: Int, body: UncheckedBody) {
        pthread_mutex_lock(mutex)
        if busy {
            pthread_mutex_unlock(mutex)
            for i in 0..<count { body.call(i) }
            return
        }
        let wanted = min(requestedThreads, count) - 1
        while workers < wanted { startWorker(index: workers); workers += 1 }
        busy = true
        self.body = body
        self.count = count
        next = 0
        unfinished = count
        helpers = wanted
        generation &+= 1
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(mutex)

        drain()

        pthread_mutex_lock(mutex)
        while unfinished > 0 { pthread_cond_wait(done, mutex) }
        self.body = nil
        busy = false
        pthread_mutex_unlock(mutex)
    }

    /// Claims and runs indices of the current job until none are left (called without the lock).
    private func drain() {
        pthread_mutex_lock(mutex)
        while next < count, let body {
            let i = next
            next += 1
            pthread_mutex_unlock(mutex)
            body.call(i)
            pthread_mutex_lock(mutex)
            unfinished -= 1
            if unfinished == 0 { pthread_cond_signal(done) }
        }
        pthread_mutex_unlock(mutex)
    }

    private func startWorker(index: Int) {
        let thread = Thread { [self] in workerLoop(index: index) }
        thread.name = "aprendiz-worker-\(index)"
        thread.stackSize = 1 << 21
        thread.start()
    }

    /// A worker parks on `wake` until a job with a new generation that wants it appears.
    private func workerLoop(index: Int) {
        var seen: UInt64 = 0
        pthread_mutex_lock(mutex)
        while true {
            while generation == seen || index >= helpers || next >= count {
                if generation != seen { seen = generation }   // a job that does not need this worker
                pthread_cond_wait(wake, mutex)
            }
            seen = generation
            pthread_mutex_unlock(mutex)
            drain()
            pthread_mutex_lock(mutex)
        }
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
