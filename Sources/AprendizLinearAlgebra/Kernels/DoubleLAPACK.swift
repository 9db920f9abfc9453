// The float64 LAPACK routines behind ``DoubleDecomposition``, bound at run time like the float32
// ones in LAPACK.swift (same lookup, ``LAPACKSymbol``; same Fortran convention and column-major
// reading of row-major buffers).

/// `dsyevd_` and `dgesdd_` of the loaded BLAS; nil when there is no BLAS or it lacks either.
struct DoubleLAPACK: @unchecked Sendable {
    typealias Syevd = @convention(c) (FPointer<CChar>, FPointer<CChar>, FPointer<FInt>, FPointer<Double>, FPointer<FInt>,
                                      FPointer<Double>, FPointer<Double>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>,
                                      FPointer<FInt>, Int, Int) -> Void
    typealias Gesdd = @convention(c) (FPointer<CChar>, FPointer<FInt>, FPointer<FInt>, FPointer<Double>, FPointer<FInt>,
                                      FPointer<Double>, FPointer<Double>, FPointer<FInt>, FPointer<Double>, FPointer<FInt>,
                                      FPointer<Double>, FPointer<FInt>, FPointer<FInt>, FPointer<FInt>, Int) -> Void
    let dsyevd: Syevd, dgesdd: Gesdd

    /// Bound once, on first use.
    static let shared: DoubleLAPACK? = {
        guard let dsyevd = LAPACKSymbol.bind("dsyevd_", as: Syevd.self), let dgesdd = LAPACKSymbol.bind("dgesdd_", as: Gesdd.self) else {
            return nil
        }
        return DoubleLAPACK(dsyevd: dsyevd, dgesdd: dgesdd)
    }()

    /// The row-major lower triangle is the column-major upper one ('U'); eigenvector j is z[j·n ..< (j+1)·n].
    func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double])? {
        var z = a, w = [Double](repeating: 0, count: n)
        var nn = fortran(n), lda = fortran(max(1, n)), info: FInt = 0
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        var lwork = fortran(-1), liwork = fortran(-1), size = 0.0, isize: FInt = 0
        dsyevd(&jobz, &uplo, &nn, &z, &lda, &w, &size, &lwork, &isize, &liwork, &info, 1, 1)
        var work = [Double](repeating: 0, count: max(1, Int(size))), iwork = [FInt](repeating: 0, count: max(1, Int(isize)))
        lwork = fortran(work.count); liwork = fortran(iwork.count)
        dsyevd(&jobz, &uplo, &nn, &z, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else { return nil }
        return (w, transpose(z, rows: n, columns: n))
    }

    /// On the column-major view Aᵀ = V·Σ·Uᵀ the outputs "U" and "Vᵀ", read row-major, are A's Vᵀ and U.
    func svd(_ a: [Double], rows m: Int, columns n: Int) -> (u: [Double], singularValues: [Double], vt: [Double])? {
        let k = min(m, n)
        var work = a, s = [Double](repeating: 0, count: k)
        var vt = [Double](repeating: 0, count: k * n), u = [Double](repeating: 0, count: m * k)
        var rows = fortran(n), columns = fortran(m), lda = fortran(max(1, n)), ldu = fortran(max(1, n)), ldvt = fortran(max(1, k))
        var info: FInt = 0, jobz = CChar(UInt8(ascii: "S"))
        var iwork = [FInt](repeating: 0, count: 8 * max(1, k)), lwork = fortran(-1), size = 0.0
        dgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &size, &lwork, &iwork, &info, 1)
        var buffer = [Double](repeating: 0, count: max(1, Int(size)))
        lwork = fortran(buffer.count)
        dgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &buffer, &lwork, &iwork, &info, 1)
        guard info == 0 else { return nil }
        return (u, s, vt)
    }
}
