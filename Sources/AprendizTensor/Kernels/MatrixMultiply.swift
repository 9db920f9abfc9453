// The matrix-product dispatch used by the whole library: the system BLAS (BLAS.swift) when one was
// loaded, split over the thread pool for large products, else the Swift GEMM (GEMM.swift); and the
// Swift GEMM for products at least a micro-tile wide when its AVX-512 kernel outruns the BLAS's.

import CAprendizSIMD
import Foundation

/// The matrix-product dispatch used by the whole library: the system BLAS when one was loaded,
/// else the built-in `SwiftGEMM`.
///
/// One exception: when the kernels run AVX-512 and the BLAS is an OpenBLAS whose kernels do not
/// (``BLASLibrary/usesAVX512`` false: an old release that does not know the CPU, or `OPENBLAS_CORETYPE`
/// forcing Haswell kernels, as on machines where OpenBLAS's own AVX-512 kernels are unreliable), products
/// with n ≥ 16 columns (a whole micro-tile) go to the Swift GEMM: on an AMD Zen 5 with OpenBLAS 0.3.21
/// held to Haswell it ran 1 024² products at 200 GFLOP/s against OpenBLAS's 128, and ResNet, MLP, LSTM and
/// GPT training steps 8–31 % faster; narrower products (LeNet-5's 6-channel convolution) stay with OpenBLAS,
/// whose narrow tiles waste less. `APRENDIZ_GEMM=blas` sends every product to the BLAS.
@usableFromInline package enum MatrixMultiply {
    /// C ← α·op(A)·op(B) + β·C  (row-major; op(X) = X or Xᵀ; `lda`, `ldb`, `ldc` are row strides as
    /// stored). With β = 0, C is not read. With k = 0, C ← β·C.
    @usableFromInline package static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m <= 0 || n <= 0 { return }
        if let blas = blas(columns: n), k > 0, fitsInt32(m, n, k, lda, ldb, ldc) {
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

    /// op(B) made ready for many products C ← α·op(A)·op(B) + β·C with the same B and different A (a recurrent
    /// layer's W_hh at every step): packed once for the Swift GEMM when it takes these products (see above),
    /// else the products go to ``sgemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` as usual.
    /// B is read where it is stored for the products the packed copy does not serve (m ≤ 4), so it must stay
    /// alive and unchanged while this is used.
    package struct PreparedOperand {
        let transposeB: Bool, k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int
        let packed: PackedOperand?

        package init(transposeB: Bool, k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int) {
            (self.transposeB, self.k, self.n, self.b, self.ldb) = (transposeB, k, n, b, ldb)
            packed = blas(columns: n) == nil && n > 4 && k > 0
                ? PackedOperand(b, ldb: ldb, transposed: transposeB, k: k, n: n) : nil
        }

        /// C ← α·op(A)·op(B) + β·C, op(A) m×k.
        package func multiply(transposeA: Bool, m: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int, beta: Float,
                              c: UnsafeMutablePointer<Float>, ldc: Int) {
            if let packed {
                SwiftGEMM.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, prepacked: packed)
            } else {
                sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                      b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            }
        }
    }

    /// Which backend products use, for reports: the BLAS name (e.g. "OpenBLAS (libopenblas.so.0)"),
    /// "Swift", or both ("Swift AVX-512; n < 16: OpenBLAS (libopenblas.so.0), Haswell").
    @usableFromInline package static var backendName: String {
        guard let blas = BLASLibrary.shared else { return "Swift" }
        guard swiftKernelOutrunsBLAS else { return blas.name }
        return "Swift AVX-512; n < \(SwiftGEMM.nr): \(blas.name), \(blas.coreName ?? "?")"
    }

    /// The BLAS a product with `columns` columns goes to, or nil for the Swift GEMM: none loaded, or the
    /// product is a micro-tile wide and the Swift kernel outruns the BLAS (see above).
    @inline(__always) static func blas(columns: Int) -> BLASLibrary? {
        columns >= SwiftGEMM.nr && swiftKernelOutrunsBLAS ? nil : BLASLibrary.shared
    }

    /// The kernels run AVX-512, the BLAS is known not to, and `APRENDIZ_GEMM=blas` is not set.
    static var swiftKernelOutrunsBLAS: Bool {
        blasLacksAVX512 && aprendiz_simd_active_level() == aprendiz_simd_avx512
    }

    /// The loaded BLAS is known to run without AVX-512, and `APRENDIZ_GEMM=blas` is not set.
    static let blasLacksAVX512 = BLASLibrary.shared?.usesAVX512 == false
        && ProcessInfo.processInfo.environment["APRENDIZ_GEMM"]?.lowercased() != "blas"

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
