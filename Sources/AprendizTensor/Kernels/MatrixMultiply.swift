// The matrix-product dispatch used by the whole library: the system BLAS (BLAS.swift) when one was
// loaded, split over the thread pool for large products, else the Swift GEMM (GEMM.swift).

/// The matrix-product dispatch used by the whole library: the system BLAS when one was loaded,
/// else the built-in `SwiftGEMM`.
@usableFromInline package enum MatrixMultiply {
    /// C ← α·op(A)·op(B) + β·C  (row-major; op(X) = X or Xᵀ; `lda`, `ldb`, `ldc` are row strides as
    /// stored). With β = 0, C is not read. With k = 0, C ← β·C.
    @usableFromInline package static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m <= 0 || n <= 0 { return }
        if let blas = BLASLibrary.shared, k > 0, fitsInt32(m, n, k, lda, ldb, ldc) {
            let parts = m * n * k < parallelThreshold ? 1 : min(Parallel.threadCount, max(m, n) / splitGranularity)
            if parts <= 1 {
                blas.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                           a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
                return
            }
            // Each part packs the whole of the operand it shares, so share the smaller one: split the
            // columns of C (sharing op(A), m×k) when m < n, else the rows (sharing op(B), k×n).
            let splitRows = m >= n
            let extent = splitRows ? m : n
            let step = (extent / parts + splitGranularity - 1) / splitGranularity * splitGranularity
            Parallel.forEach(parts) { part in
                let start = part * step, size = min(step, extent - start)
                guard size > 0 else { return }
                if splitRows {
                    blas.sgemm(transposeA: transposeA, transposeB: transposeB, m: size, n: n, k: k, alpha: alpha,
                               a: a + (transposeA ? start : start * lda), lda: lda, b: b, ldb: ldb,
                               beta: beta, c: c + start * ldc, ldc: ldc)
                } else {
                    blas.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: size, k: k, alpha: alpha,
                               a: a, lda: lda, b: b + (transposeB ? start * ldb : start), ldb: ldb,
                               beta: beta, c: c + start, ldc: ldc)
                }
            }
        } else {
            SwiftGEMM.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                            a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Which backend products use, for reports: the BLAS name (e.g. "OpenBLAS (libopenblas.so.0)")
    /// or "Swift".
    @usableFromInline package static var backendName: String { BLASLibrary.shared?.name ?? "Swift" }

    /// Multiply-adds (m·n·k) below which a BLAS product runs on the calling thread only: about
    /// 3 µs of work, against well under 1 µs to hand half of it to a spinning worker. (It splits
    /// a one-sample 784 → 256 layer, whose weights then stream from two cores' caches.)
    static let parallelThreshold = 1 << 17
    /// Parts of a split product are multiples of this many rows or columns (the BLAS micro-tile).
    static let splitGranularity = 16

    private static func fitsInt32(_ m: Int, _ n: Int, _ k: Int, _ lda: Int, _ ldb: Int, _ ldc: Int) -> Bool {
        max(m, n, k, lda, ldb, ldc) <= Int(Int32.max)
    }
}
