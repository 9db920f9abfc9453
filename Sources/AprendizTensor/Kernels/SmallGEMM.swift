// Support for `SwiftGEMM` (GEMM.swift): the unpacked path for short products (m ≤ 4 or n ≤ 4, e.g.
// a batch of one or a matrix-vector product) and the recycled packing buffers.

import CAprendizSIMD

// MARK: - Short products without packing

/// C ← α·op(A)·op(B) + β·C for m ≤ 4: one row of C at a time as a vector-matrix product that
/// streams op(B) straight from memory (no packing), with the row held in registers (the C kernels
/// `aprendiz_gemv_rows`/`aprendiz_gemv_columns` of the CPU's instruction set).
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
                if b.transposed {
                    aprendiz_gemv_columns(x, b.base, b.ld, k, j0, j1, y)
                } else {
                    aprendiz_gemv_rows(x, b.base, b.ld, k, j0, j1, y)
                }
                for j in j0..<j1 {
                    let out = row + j * columnStride
                    out.pointee = beta == 0 ? alpha * y[j] : alpha * y[j] + beta * out.pointee
                }
            }
            if chunks == 1 { body(0) } else { Parallel.forEach(chunks, body) }
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
