import AprendizTensor

/// The float64 BLAS routines the classic solvers use on their `Double` matrices — `cblas_dgemm`,
/// `cblas_dgemv` (the one-column products, which `dgemm`'s small-matrix kernels run several times slower)
/// and `cblas_dsyrk` from the library ``BLASLibrary`` loaded at run time (found through ``BLASSymbol``), or nil
/// when there is none (`APRENDIZ_BLAS=none`), in which case ``DenseMatrix`` runs its Swift loops.
/// Each call works on one block of rows; the blocks are spread over the ``Parallel`` pool by the caller.
struct DoubleBLAS: @unchecked Sendable {
    private typealias DGEMM = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>, Int32,
                                              UnsafePointer<Double>, Int32, Double, UnsafeMutablePointer<Double>, Int32) -> Void
    private typealias DSYRK = @convention(c) (Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>, Int32,
                                              Double, UnsafeMutablePointer<Double>, Int32) -> Void
    private typealias DGEMV = @convention(c) (Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>, Int32,
                                              UnsafePointer<Double>, Int32, Double, UnsafeMutablePointer<Double>, Int32) -> Void
    private static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112, upper: Int32 = 121

    private let dgemmFunction: DGEMM
    private let dsyrkFunction: DSYRK
    private let dgemvFunction: DGEMV

    /// The routines of the loaded BLAS, if it has all three.
    static let shared: DoubleBLAS? = {
        guard let dgemm = BLASSymbol.address(of: "cblas_dgemm"), let dsyrk = BLASSymbol.address(of: "cblas_dsyrk"),
              let dgemv = BLASSymbol.address(of: "cblas_dgemv") else { return nil }
        return DoubleBLAS(dgemmFunction: unsafeBitCast(dgemm, to: DGEMM.self), dsyrkFunction: unsafeBitCast(dsyrk, to: DSYRK.self),
                          dgemvFunction: unsafeBitCast(dgemv, to: DGEMV.self))
    }()

    /// y (m, or n when `transposeA`) ← op(A)·x, A stored m × n row-major (lda = n).
    func dgemv(transposeA: Bool, m: Int, n: Int, a: UnsafePointer<Double>, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        dgemvFunction(Self.rowMajor, transposeA ? Self.transpose : Self.noTranspose, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, y, 1)
    }

    /// C (m × n) ← op(A)·B (+ C when `accumulate`), row-major, op(A) = Aᵀ when `transposeA` (A stored k × m).
    func dgemm(transposeA: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>,
               c: UnsafeMutablePointer<Double>, accumulate: Bool = false) {
        dgemmFunction(Self.rowMajor, transposeA ? Self.transpose : Self.noTranspose, Self.noTranspose, Int32(m), Int32(n), Int32(k),
                      1, a, Int32(lda), b, Int32(n), accumulate ? 1 : 0, c, Int32(n))
    }

    /// The upper triangle of C (n × n) ← AᵀA for A (k × n, row-major).
    func gramUpper(n: Int, k: Int, a: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>) {
        dsyrkFunction(Self.rowMajor, Self.upper, Self.transpose, Int32(n), Int32(k), 1, a, Int32(n), 0, c, Int32(n))
    }
}
