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
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
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

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}
