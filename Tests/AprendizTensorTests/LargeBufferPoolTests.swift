@testable import AprendizTensor
import Testing

/// ``LargeBufferPool``: freed large buffers come back for the next request of exactly the same byte
/// count, and a tensor built on a recycled buffer holds its own values, not the previous tensor's.
/// The byte counts are odd sizes no other test allocates, so tests running in parallel do not take them.
@Suite struct LargeBufferPoolTests {
    @Test func keptBufferIsReturnedForTheSameByteCountOnly() {
        let pool = LargeBufferPool.shared
        let bytes = LargeBufferPool.minimumBytes + 4 * 1_237
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        #expect(pool.keep(buffer, bytes: bytes))
        #expect(pool.take(bytes: bytes + 4) == nil)
        let taken = pool.take(bytes: bytes)
        #expect(taken == buffer)
        #expect(pool.take(bytes: bytes) == nil)
        (taken ?? buffer).deallocate()
    }

    @Test func recycledTensorBufferHoldsTheNewValues() {
        let count = LargeBufferPool.minimumBytes / 4 + 1_433
        var address: UnsafePointer<Float>?
        do {
            let sevens = Tensor(repeating: 7, shape: [count])
            address = sevens.withUnsafeBufferPointer { $0.baseAddress }
            #expect(sevens.scalars.allSatisfy { $0 == 7 })
        }
        let zeros = Tensor.zeros([count])
        #expect(zeros.withUnsafeBufferPointer { $0.baseAddress } == address)
        #expect(zeros.scalars.allSatisfy { $0 == 0 })
    }
}
