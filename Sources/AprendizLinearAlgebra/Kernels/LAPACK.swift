// LAPACK routines bound at run time from the BLAS library the matrix products already loaded.
//
// Fortran calling convention: every argument by pointer (integers are 32-bit in the LP64 builds of
// OpenBLAS and Accelerate), and one hidden length argument (`Int`, here always 1) per character
// argument, after all the others. LAPACK stores matrices column-major: a row-major m×n buffer is
// the column-major n×m transpose, which each wrapper below uses or undoes explicitly.

import AprendizTensor
import Foundation

typealias FInt = Int32
typealias FPointer<T> = UnsafeMutablePointer<T>

/// The float32 LAPACK routines of the loaded BLAS; nil when there is no BLAS or it lacks any of them.
struct LAPACK: @unchecked Sendable {
    typealias Getrf = @convention(c) (FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>) -> Void
    typealias Getrs = @convention(c) (FPointer<CChar>, FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<FInt>, FPointer<Float>, FPointer<FInt>, FPointer<FInt>, Int) -> Void
    typealias Potrf = @convention(c) (FPointer<CChar>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>, FPointer<FInt>, Int) -> Void
    typealias Potrs = @convention(c) (FPointer<CChar>, FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<FInt>, FPointer<FInt>, Int) -> Void
    typealias Geqrf = @convention(c) (FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>, FPointer<Float>,
                                      FPointer<Float>, FPointer<FInt>, FPointer<FInt>) -> Void
    typealias Orgqr = @convention(c) (FPointer<FInt>, FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<Float>, FPointer<FInt>, FPointer<FInt>) -> Void
    typealias Syevd = @convention(c) (FPointer<CChar>, FPointer<CChar>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<Float>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>,
                                      FPointer<FInt>, Int, Int) -> Void
    typealias Gesdd = @convention(c) (FPointer<CChar>, FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<Float>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>, Int) -> Void
    typealias Gelsd = @convention(c) (FPointer<FInt>, FPointer<FInt>, FPointer<FInt>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<FInt>, FPointer<Float>, FPointer<Float>, FPointer<FInt>,
                                      FPointer<Float>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>) -> Void

    let sgetrf: Getrf, sgetrs: Getrs, spotrf: Potrf, spotrs: Potrs, sgeqrf: Geqrf, sorgqr: Orgqr
    let ssyevd: Syevd, sgesdd: Gesdd, sgelsd: Gelsd

    /// Bound once, on first use.
    static let shared: LAPACK? = LAPACK()

    private init?() {
        func bind<F>(_ name: String, _ type: F.Type) -> F? { LAPACKSymbol.bind(name, as: type) }
        guard let sgetrf = bind("sgetrf_", Getrf.self), let sgetrs = bind("sgetrs_", Getrs.self),
              let spotrf = bind("spotrf_", Potrf.self), let spotrs = bind("spotrs_", Potrs.self),
              let sgeqrf = bind("sgeqrf_", Geqrf.self), let sorgqr = bind("sorgqr_", Orgqr.self),
              let ssyevd = bind("ssyevd_", Syevd.self), let sgesdd = bind("sgesdd_", Gesdd.self),
              let sgelsd = bind("sgelsd_", Gelsd.self) else { return nil }
        (self.sgetrf, self.sgetrs, self.spotrf, self.spotrs) = (sgetrf, sgetrs, spotrf, spotrs)
        (self.sgeqrf, self.sorgqr, self.ssyevd, self.sgesdd, self.sgelsd) = (sgeqrf, sorgqr, ssyevd, sgesdd, sgelsd)
    }

    /// Runs `body` with the library's own threads on for large problems (it was loaded with one
    /// thread for matrix products, which `MatrixMultiply` splits itself; LAPACK's blocked
    /// factorisations can only use the cores through the library's threads).
    static func withThreads<R>(size: Int, _ body: () -> R) -> R {
        guard size >= 256, let blas = BLASLibrary.shared, Parallel.threadCount > 1 else { return body() }
        blas.setThreadCount(Parallel.threadCount)
        defer { blas.setThreadCount(1) }
        return body()
    }
}

/// Mutable Fortran scalar arguments, to pass by pointer.
@inline(__always)
func fortran(_ value: Int) -> FInt { FInt(value) }

extension LAPACK {
    /// LU of the n×n row-major `a` (the column-major Aᵀ), then X with A·X = B through `sgetrs_`
    /// with TRANS = 'T'. nil when U has a zero pivot (A singular).
    func solve(_ a: [Float], n: Int, _ b: [Float], columns k: Int) -> [Float]? {
        var a = a, x = transpose(b, rows: n, columns: k)
        var mm = fortran(n), nn = fortran(n), nrhs = fortran(k), lda = fortran(max(1, n)), ldb = lda, info: FInt = 0
        var pivots = [FInt](repeating: 0, count: n), trans = CChar(UInt8(ascii: "T"))
        LAPACK.withThreads(size: n) { sgetrf(&mm, &nn, &a, &lda, &pivots, &info) }
        guard info == 0 else { return nil }
        sgetrs(&trans, &nn, &nrhs, &a, &lda, &pivots, &x, &ldb, &info, 1)
        return transpose(x, rows: k, columns: n)
    }

    /// (sign, log|det A|) from `sgetrf_`'s U and pivots; (0, −∞) when singular.
    func signAndLogAbsDeterminant(_ a: [Float], n: Int) -> (sign: Double, logAbs: Double) {
        var a = a, mm = fortran(n), nn = fortran(n), lda = fortran(max(1, n)), info: FInt = 0
        var pivots = [FInt](repeating: 0, count: n)
        LAPACK.withThreads(size: n) { sgetrf(&mm, &nn, &a, &lda, &pivots, &info) }
        var sign = 1.0, logAbs = 0.0
        for i in 0..<n {
            let d = Double(a[i * n + i])
            if d == 0 { return (0, -.infinity) }
            if d < 0 { sign = -sign }
            if pivots[i] != FInt(i + 1) { sign = -sign }
            logAbs += Foundation.log(Swift.abs(d))
        }
        return (sign, logAbs)
    }

    /// The lower Cholesky factor (row-major) of `a`, or nil when `spotrf_` finds a non-positive pivot.
    /// Row-major lower = column-major upper, so UPLO = 'U'.
    func cholesky(_ a: [Float], n: Int) -> [Float]? {
        var l = a, nn = fortran(n), lda = fortran(max(1, n)), info: FInt = 0, uplo = CChar(UInt8(ascii: "U"))
        LAPACK.withThreads(size: n) { spotrf(&uplo, &nn, &l, &lda, &info, 1) }
        guard info == 0 else { return nil }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { l[i * n + j] = 0 } }
        return l
    }

    /// X with A·X = B for symmetric positive-definite A: `spotrf_` then `spotrs_` on the same buffer
    /// (UPLO = 'U' on the column-major view = the row-major lower triangle); nil when A is not
    /// positive definite.
    func solvePositiveDefinite(_ a: [Float], n: Int, _ b: [Float], columns k: Int) -> [Float]? {
        var factor = a, x = k == 1 ? b : transpose(b, rows: n, columns: k)
        var nn = fortran(n), nrhs = fortran(k), lda = fortran(max(1, n)), ldb = lda, info: FInt = 0
        var uplo = CChar(UInt8(ascii: "U"))
        LAPACK.withThreads(size: n) {
            spotrf(&uplo, &nn, &factor, &lda, &info, 1)
            if info == 0 { spotrs(&uplo, &nn, &nrhs, &factor, &lda, &x, &ldb, &info, 1) }
        }
        guard info == 0 else { return nil }
        return k == 1 ? x : transpose(x, rows: k, columns: n)
    }

    /// The reduced QR of an m×n row-major matrix through `sgeqrf_` and `sorgqr_`.
    func qr(_ a: [Float], rows m: Int, columns n: Int) -> (q: [Float], r: [Float]) {
        let k = min(m, n)
        var work = transpose(a, rows: m, columns: n)  // column-major A
        var mm = fortran(m), nn = fortran(n), kk = fortran(k), lda = fortran(max(1, m)), info: FInt = 0
        var tau = [Float](repeating: 0, count: max(1, k))
        var lwork = fortran(-1), size: Float = 0
        sgeqrf(&mm, &nn, &work, &lda, &tau, &size, &lwork, &info)
        var buffer = [Float](repeating: 0, count: max(1, Int(size)))
        lwork = fortran(buffer.count)
        sgeqrf(&mm, &nn, &work, &lda, &tau, &buffer, &lwork, &info)
        var r = [Float](repeating: 0, count: k * n)
        for i in 0..<k { for j in i..<n { r[i * n + j] = work[j * m + i] } }
        var columnsQ = kk
        lwork = -1
        sorgqr(&mm, &columnsQ, &kk, &work, &lda, &tau, &size, &lwork, &info)
        buffer = [Float](repeating: 0, count: max(1, Int(size)))
        lwork = fortran(buffer.count)
        sorgqr(&mm, &columnsQ, &kk, &work, &lda, &tau, &buffer, &lwork, &info)
        return (transpose(Array(work[0..<(m * k)]), rows: k, columns: m), r)
    }

    /// Eigenvalues ascending and eigenvectors (columns of the row-major result) through `ssyevd_`
    /// (divide and conquer). UPLO = 'U' on the column-major view reads the row-major lower triangle.
    func symmetricEigen(_ a: [Float], n: Int) -> (values: [Float], vectors: [Float])? {
        var z = a, w = [Float](repeating: 0, count: n)
        var nn = fortran(n), lda = fortran(max(1, n)), info: FInt = 0
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        var lwork = fortran(-1), liwork = fortran(-1), size: Float = 0, isize: FInt = 0
        ssyevd(&jobz, &uplo, &nn, &z, &lda, &w, &size, &lwork, &isize, &liwork, &info, 1, 1)
        var work = [Float](repeating: 0, count: max(1, Int(size))), iwork = [FInt](repeating: 0, count: max(1, Int(isize)))
        lwork = fortran(work.count); liwork = fortran(iwork.count)
        LAPACK.withThreads(size: n) { ssyevd(&jobz, &uplo, &nn, &z, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1) }
        guard info == 0 else { return nil }
        return (w, transpose(z, rows: n, columns: n))  // column-major Z: eigenvector j in z[j*n..]
    }

    /// A = U·Σ·Vᵀ through `sgesdd_` (divide and conquer) on the column-major view Aᵀ = V·Σ·Uᵀ, whose
    /// column-major U and Vᵀ outputs are, read row-major, exactly A's Vᵀ and U: no transposes.
    func svd(_ a: [Float], rows m: Int, columns n: Int, full: Bool) -> (u: [Float], singularValues: [Float], vt: [Float])? {
        let k = min(m, n)
        var work = a, s = [Float](repeating: 0, count: k)
        // The view is n×m: its "U" (n×n or n×k) is our Vᵀ, its "Vᵀ" (m×m or k×m) our U.
        var vt = [Float](repeating: 0, count: full ? n * n : k * n), u = [Float](repeating: 0, count: full ? m * m : m * k)
        var rows = fortran(n), columns = fortran(m), lda = fortran(max(1, n)), ldu = fortran(max(1, n))
        var ldvt = fortran(full ? max(1, m) : max(1, k)), info: FInt = 0, jobz = CChar(UInt8(ascii: full ? "A" : "S"))
        var iwork = [FInt](repeating: 0, count: 8 * max(1, k)), lwork = fortran(-1), size: Float = 0
        sgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &size, &lwork, &iwork, &info, 1)
        var buffer = [Float](repeating: 0, count: max(1, Int(size)))
        lwork = fortran(buffer.count)
        LAPACK.withThreads(size: k) { sgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &buffer, &lwork, &iwork, &info, 1) }
        guard info == 0 else { return nil }
        return (u, s, vt)
    }

    /// Minimum-norm least squares through `sgelsd_` (SVD, divide and conquer): X (n×k row-major),
    /// the effective rank and A's singular values. Singular values ≤ rcond·σ₁ count as zero.
    func leastSquares(_ a: [Float], rows m: Int, columns n: Int, _ b: [Float], columns k: Int,
                      rcond: Float) -> (solution: [Float], rank: Int, singularValues: [Float])? {
        let ldb = max(1, m, n)
        var work = transpose(a, rows: m, columns: n), x = [Float](repeating: 0, count: ldb * k)
        for i in 0..<m { for j in 0..<k { x[j * ldb + i] = b[i * k + j] } }
        var s = [Float](repeating: 0, count: max(1, min(m, n))), rcond = rcond, rank: FInt = 0
        var mm = fortran(m), nn = fortran(n), nrhs = fortran(k), lda = fortran(max(1, m)), ldbF = fortran(ldb), info: FInt = 0
        var lwork = fortran(-1), size: Float = 0, isize: FInt = 0
        sgelsd(&mm, &nn, &nrhs, &work, &lda, &x, &ldbF, &s, &rcond, &rank, &size, &lwork, &isize, &info)
        var buffer = [Float](repeating: 0, count: max(1, Int(size))), iwork = [FInt](repeating: 0, count: max(1, Int(isize)))
        lwork = fortran(buffer.count)
        LAPACK.withThreads(size: min(m, n)) {
            sgelsd(&mm, &nn, &nrhs, &work, &lda, &x, &ldbF, &s, &rcond, &rank, &buffer, &lwork, &iwork, &info)
        }
        guard info == 0 else { return nil }
        var solution = [Float](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { solution[i * k + j] = x[j * ldb + i] } }
        return (solution, Int(rank), Array(s[0..<min(m, n)]))
    }
}
