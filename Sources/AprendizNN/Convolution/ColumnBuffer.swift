#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An uninitialised block of floats for the im2col matrix and its gradient.
///
/// These matrices are written in full before they are read (by im2col or by a GEMM with β = 0), so
/// unlike `Tensor.zeros` the buffer is never cleared: at LeNet-5's sizes clearing cost a tenth of a
/// training step. Buffers of 4 MiB and more are 2 MiB-aligned and marked for transparent huge pages,
/// as tensor storage is, so a fresh column matrix costs a few page faults rather than thousands.
/// The forward pass's column matrix lives on in the backward closure, which owns it.
final class ColumnBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride, hugePage = 2 << 20
        let alignment = bytes >= 2 * hugePage ? hugePage : 64
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, alignment, bytes) == 0, let memory else {
            fatalError("conv2d: cannot allocate a \(bytes)-byte column matrix")
        }
        #if os(Linux)
        if alignment == hugePage { _ = madvise(memory, bytes, MADV_HUGEPAGE) }
        #endif
        pointer = memory.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { free(pointer) }
}
