#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference-counted, 64-byte-aligned buffer behind a ``Tensor``.
///
/// A tensor copies its storage only when it is shared and about to be written (copy-on-write), so
/// passing tensors around costs a retain, not a copy.
@usableFromInline
final class TensorStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Float>
    @usableFromInline let count: Int

    /// A buffer of `count` uninitialised elements (callers fill every element before reading).
    @usableFromInline
    init(uninitializedCount count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        pointer = TensorStorage.allocate(bytes: bytes).bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Large buffers are 2 MiB-aligned and marked for transparent huge pages (as NumPy does), so a
    /// fresh 40 MB result costs 20 page faults instead of 10 000; small ones are 64-byte aligned.
    /// A large buffer freed earlier with the same byte count is reused first (``LargeBufferPool``).
    private static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        let hugePage = LargeBufferPool.hugePage
        if bytes >= LargeBufferPool.minimumBytes, let reused = LargeBufferPool.shared.take(bytes: bytes) { return reused }
        var memory: UnsafeMutableRawPointer?
        let alignment = bytes >= 2 * hugePage ? hugePage : 64
        guard posix_memalign(&memory, alignment, bytes) == 0, let memory else {
            fatalError("Tensor: cannot allocate \(bytes) bytes")
        }
        #if os(Linux)
        if alignment == hugePage { _ = madvise(memory, bytes, MADV_HUGEPAGE) }
        #endif
        return memory
    }

    @usableFromInline
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    @usableFromInline
    func copy() -> TensorStorage {
        let other = TensorStorage(uninitializedCount: count)
        other.pointer.update(from: pointer, count: count)
        return other
    }

    deinit {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        if bytes >= LargeBufferPool.minimumBytes, LargeBufferPool.shared.keep(UnsafeMutableRawPointer(pointer), bytes: bytes) { return }
        free(pointer)
    }
}
