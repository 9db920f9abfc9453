// Support for `SwiftGEMM` (GEMM.swift): the unpacked path for short products (m ≤ 4 or n ≤ 4, e.g.
// a batch of one or a matrix-vector product) and the recycled packing buffers.
//
// MARK: - Short products without packing

/// C ← α·op(A)·op(B) + β·C for m ≤ 4: one row of C at a time as a vector-matrix product that
/// streams op(B) straight from memory (no packing), with the row held in registers.
enum SmallGEMM {
    /// Row i of C is at c + i·rowStride; its column j at + j·columnStride.
    static func rows(m: Int, n: Int, k: Int, alpha: Float, a: Operand, b: Operand, beta: Float,
                     c: UnsafeMutablePointer<Float>, rowStride: Int, columnStride: Int, threads: Int) {
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: k + n)
        defer { scratch.deallocate() }
        let chunks = min(threads, max(1, n / 64))
        for i in 0..<m {
            if a.transposed { for p in 0..<k { scratch[p] = a.base[p * a.ld + i] } }
            let x = a.transposed ? UnsafePointer(scratch) : a.base + i * a.ld
            let y = scratch + k, row = c + i * rowStride
            let body = { (t: Int) in
                let j0 = n * t / chunks / 8 * 8, j1 = t == chunks - 1 ? n : n * (t + 1) / chunks / 8 * 8
                if b.transposed { dots(x, b, k: k, j0: j0, j1: j1, y: y) } else { axpys(x, b, k: k, j0: j0, j1: j1, y: y) }
                for j in j0..<j1 {
                    let out = row + j * columnStride
                    out.pointee = beta == 0 ? alpha * y[j] : alpha * y[j] + beta * out.pointee
                }
            }
            if chunks == 1 { body(0) } else { Parallel.forEach(chunks, body) }
        }
    }

    /// y[j] = Σₚ x[p]·B[p, j] for j in j0..<j1, 64, 32 then 8 columns at a time in registers.
    ///
    /// With 64 columns, eight independent accumulators hide the four-cycle latency of a fused
    /// multiply-add, so the loop runs at the rate B streams in (from L2, for a layer's weights).
    static func axpys(_ x: UnsafePointer<Float>, _ b: Operand, k: Int, j0: Int, j1: Int, y: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        var j = j0
        while j + 64 <= j1 {
            var s0 = V(), s1 = V(), s2 = V(), s3 = V(), s4 = V(), s5 = V(), s6 = V(), s7 = V()
            var pb = UnsafeRawPointer(b.base + j)
            let stride = b.ld * 4
            for p in 0..<k {
                let xv = V(repeating: x[p])
                s0 = s0.addingProduct(xv, pb.loadUnaligned(as: V.self))
                s1 = s1.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 32, as: V.self))
                s2 = s2.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 64, as: V.self))
                s3 = s3.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 96, as: V.self))
                s4 = s4.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 128, as: V.self))
                s5 = s5.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 160, as: V.self))
                s6 = s6.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 192, as: V.self))
                s7 = s7.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 224, as: V.self))
                pb += stride
            }
            let out = UnsafeMutableRawPointer(y + j)
            out.storeBytes(of: s0, as: V.self); out.storeBytes(of: s1, toByteOffset: 32, as: V.self)
            out.storeBytes(of: s2, toByteOffset: 64, as: V.self); out.storeBytes(of: s3, toByteOffset: 96, as: V.self)
            out.storeBytes(of: s4, toByteOffset: 128, as: V.self); out.storeBytes(of: s5, toByteOffset: 160, as: V.self)
            out.storeBytes(of: s6, toByteOffset: 192, as: V.self); out.storeBytes(of: s7, toByteOffset: 224, as: V.self)
            j += 64
        }
        while j + 32 <= j1 {
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            var pb = UnsafeRawPointer(b.base + j)
            let stride = b.ld * 4
            for p in 0..<k {
                let xv = V(repeating: x[p])
                s0 = s0.addingProduct(xv, pb.loadUnaligned(as: V.self))
                s1 = s1.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 32, as: V.self))
                s2 = s2.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 64, as: V.self))
                s3 = s3.addingProduct(xv, pb.loadUnaligned(fromByteOffset: 96, as: V.self))
                pb += stride
            }
            let out = UnsafeMutableRawPointer(y + j)
            out.storeBytes(of: s0, as: V.self); out.storeBytes(of: s1, toByteOffset: 32, as: V.self)
            out.storeBytes(of: s2, toByteOffset: 64, as: V.self); out.storeBytes(of: s3, toByteOffset: 96, as: V.self)
            j += 32
        }
        while j + 8 <= j1 {
            var s = V()
            for p in 0..<k { s = s.addingProduct(V(repeating: x[p]), UnsafeRawPointer(b.base + p * b.ld + j).loadUnaligned(as: V.self)) }
            UnsafeMutableRawPointer(y + j).storeBytes(of: s, as: V.self)
            j += 8
        }
        while j < j1 {
            var s: Float = 0
            for p in 0..<k { s += x[p] * b.base[p * b.ld + j] }
            y[j] = s
            j += 1
        }
    }

    /// y[j] = Σₚ x[p]·B[j, p] (op(B) = Bᵀ) for j in j0..<j1: dot products with contiguous rows of B.
    static func dots(_ x: UnsafePointer<Float>, _ b: Operand, k: Int, j0: Int, j1: Int, y: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        let k8 = k / 8 * 8
        var j = j0
        while j < j1 {
            let count = min(4, j1 - j)
            let r0 = b.base + j * b.ld
            let r1 = count > 1 ? r0 + b.ld : r0, r2 = count > 2 ? r0 + 2 * b.ld : r0, r3 = count > 3 ? r0 + 3 * b.ld : r0
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            var p = 0
            while p < k8 {
                let xv = UnsafeRawPointer(x + p).loadUnaligned(as: V.self)
                s0 = s0.addingProduct(xv, UnsafeRawPointer(r0 + p).loadUnaligned(as: V.self))
                s1 = s1.addingProduct(xv, UnsafeRawPointer(r1 + p).loadUnaligned(as: V.self))
                s2 = s2.addingProduct(xv, UnsafeRawPointer(r2 + p).loadUnaligned(as: V.self))
                s3 = s3.addingProduct(xv, UnsafeRawPointer(r3 + p).loadUnaligned(as: V.self))
                p += 8
            }
            var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
            while p < k { t0 += x[p] * r0[p]; t1 += x[p] * r1[p]; t2 += x[p] * r2[p]; t3 += x[p] * r3[p]; p += 1 }
            y[j] = t0
            if count > 1 { y[j + 1] = t1 }
            if count > 2 { y[j + 2] = t2 }
            if count > 3 { y[j + 3] = t3 }
            j += count
        }
    }
}

// MARK: - Packing buffers

/// A 64-byte-aligned scratch buffer (packed GEMM operands, convolution column blocks), recycled
/// between uses so that a training step does not map and fault in fresh pages for every layer.
package final class Workspace: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<Float>
    package let capacity: Int

    private init(floats: Int) {
        capacity = floats
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(floats, 1) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(floats, 1))
    }
    deinit { pointer.deallocate() }

    private static let lock = PThreadLock()
    nonisolated(unsafe) private static var cache: [Workspace] = []
    /// Buffers kept for reuse: enough for every thread's GEMM packing and convolution blocks.
    private static let cacheLimit = 16

    /// A buffer of at least `floats` floats: the smallest cached one that is large enough, else a new one.
    package static func take(floats: Int) -> Workspace {
        lock.withLock {
            var best: Int?
            for (index, workspace) in cache.enumerated() where workspace.capacity >= floats {
                if best.map({ workspace.capacity < cache[$0].capacity }) ?? true { best = index }
            }
            if let best { return cache.remove(at: best) }
            return Workspace(floats: floats)
        }
    }

    /// Returns a buffer to the cache; beyond ``cacheLimit`` buffers the smallest is let go.
    package static func give(_ workspace: Workspace) {
        lock.withLock {
            cache.append(workspace)
            if cache.count > cacheLimit, let smallest = cache.indices.min(by: { cache[$0].capacity < cache[$1].capacity }) {
                cache.remove(at: smallest)
            }
        }
    }

    /// Runs `body` with a buffer of at least `floats` floats, returned to the cache afterwards.
    package static func with<T>(floats: Int, _ body: (UnsafeMutablePointer<Float>) throws -> T) rethrows -> T {
        let workspace = take(floats: floats)
        defer { give(workspace) }
        return try body(workspace.pointer)
    }
}
