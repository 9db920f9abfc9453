#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Freed large tensor buffers (≥ 256 KiB), kept for the next tensor of the same byte count.
///
/// A training step allocates and frees the same large temporaries every step (activations, attention
/// scores, their gradients). Returned to the C allocator, each one goes back to the kernel (an mmap'd
/// chunk, or a trimmed heap top) and the next step pays a page fault and the kernel's zeroing for every
/// page again: in a Transformer training step at one thread that was 45 % of the time
/// (`perf`: `clear_page_erms`). PyTorch's CPU allocator has the same problem and leaves it to the C
/// allocator; here the buffers are recycled by exact size, up to ``capacityBytes`` held at once
/// (the rest is freed as before), so the steady state faults no pages.
final class LargeBufferPool: @unchecked Sendable {
    /// The alignment of large buffers (one transparent huge page).
    static let hugePage = 2 << 20
    /// Buffers below this size go straight to the C allocator (below glibc's mmap threshold, its bins
    /// recycle them without faults).
    static let minimumBytes = 256 << 10
    /// At most this many bytes of free buffers are kept (1 GiB).
    static let capacityBytes = 1 << 30

    static let shared = LargeBufferPool()

    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var heldBytes = 0
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    private init() {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    /// A kept buffer of exactly `bytes` bytes, or `nil` when none is free.
    func take(bytes: Int) -> UnsafeMutableRawPointer? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard let buffer = free[bytes]?.popLast() else { return nil }
        heldBytes -= bytes
        return buffer
    }

    /// Keeps `buffer` for reuse when the pool has room; `false` means the caller must free it.
    func keep(_ buffer: UnsafeMutableRawPointer, bytes: Int) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard heldBytes + bytes <= Self.capacityBytes else { return false }
        free[bytes, default: []].append(buffer)
        heldBytes += bytes
        return true
    }
}
