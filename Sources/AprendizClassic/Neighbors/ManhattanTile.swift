/// The Manhattan distances Σⱼ |qⱼ − xⱼ| between a block of queries and a block of training rows, the hot
/// loop of brute-force k-NN with p = 1 (no matrix-product form exists). A register-blocked micro-kernel
/// keeps 4 queries × 8 training rows of sums in vector registers while it runs over the features, so
/// each coordinate loaded serves 4 (or 8) differences; the edges run a plain loop. Summation is in
/// feature order, so the result equals ``ReducedDistance/between(_:_:count:)`` bit for bit.
enum ManhattanTile {
    static let queryStep = 4, rowStep = 8

    /// tile `[rows, size]` ← Σⱼ |Q[r, j] − B[j, t]| for queries `[rows, features]` (also `transposed`,
    /// `[features, rows]`) and the feature-major block `[features, size]`.
    static func fill(_ tile: UnsafeMutablePointer<Double>, rows: Int, size: Int, features d: Int, queries: UnsafePointer<Double>,
                     transposed: UnsafePointer<Double>, block: UnsafePointer<Double>) {
        let fullRows = rows / queryStep * queryStep, fullColumns = size / rowStep * rowStep
        for r0 in stride(from: 0, to: fullRows, by: queryStep) {
            for t0 in stride(from: 0, to: fullColumns, by: rowStep) {
                microKernel(tile + r0 * size + t0, ldc: size, features: d, transposed: transposed + r0, ldq: rows,
                            block: block + t0, ldb: size)
            }
        }
        // Edges: the last rows (all columns) and the last columns (of the full rows).
        for r in 0..<rows {
            let first = r < fullRows ? fullColumns : 0
            guard first < size else { continue }
            let row = tile + r * size
            for t in first..<size { row[t] = 0 }
            for j in 0..<d {
                let v = queries[r * d + j], column = block + j * size
                for t in first..<size { row[t] += abs(v - column[t]) }
            }
        }
    }

    /// 4 × 8 sums: C[a, b] = Σⱼ |Qᵀ[j, a] − B[j, b]|.
    @inline(__always)
    private static func microKernel(_ c: UnsafeMutablePointer<Double>, ldc: Int, features d: Int, transposed: UnsafePointer<Double>,
                                    ldq: Int, block: UnsafePointer<Double>, ldb: Int) {
        typealias V = SIMD4<Double>
        let mask = SIMD4<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        @inline(__always) func abs(_ v: V) -> V { unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt64>.self) & mask, to: V.self) }
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
        let raw = UnsafeRawPointer(block)
        for j in 0..<d {
            let x0 = raw.loadUnaligned(fromByteOffset: j * ldb * 8, as: V.self)
            let x1 = raw.loadUnaligned(fromByteOffset: (j * ldb + 4) * 8, as: V.self)
            let q = transposed + j * ldq
            let q0 = V(repeating: q[0]), q1 = V(repeating: q[1]), q2 = V(repeating: q[2]), q3 = V(repeating: q[3])
            c00 += abs(x0 - q0); c01 += abs(x1 - q0)
            c10 += abs(x0 - q1); c11 += abs(x1 - q1)
            c20 += abs(x0 - q2); c21 += abs(x1 - q2)
            c30 += abs(x0 - q3); c31 += abs(x1 - q3)
        }
        let out = UnsafeMutableRawPointer(c)
        @inline(__always) func store(_ row: Int, _ left: V, _ right: V) {
            out.storeBytes(of: left, toByteOffset: row * ldc * 8, as: V.self)
            out.storeBytes(of: right, toByteOffset: (row * ldc + 4) * 8, as: V.self)
        }
        store(0, c00, c01)
        store(1, c10, c11)
        store(2, c20, c21)
        store(3, c30, c31)
    }
}
