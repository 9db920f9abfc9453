/// An uninitialised, 64-byte-aligned block of floats for the im2col matrix and its gradient.
///
/// These matrices are written in full before they are read (by im2col or by a GEMM with β = 0), so
/// unlike `Tensor.zeros` the buffer is never cleared: at LeNet-5's sizes clearing cost a tenth of a
/// training step. The forward pass's column matrix lives on in the backward closure, which owns it.
final class ColumnBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}
