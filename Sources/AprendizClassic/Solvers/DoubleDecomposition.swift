import AprendizTensor

/// Float64 symmetric eigendecomposition and SVD for the classic estimators that need full precision
/// (PCA's explained-variance ratios and components are compared with scikit-learn's float64 ones):
/// LAPACK's `dsyevd_` / `dgesdd_` from the loaded BLAS library when it has them (OpenBLAS does), else
/// the cyclic Jacobi method (Golub & Van Loan, *Matrix Computations* §8.5) in Swift.
/// Matrices are row-major `[Double]`.
enum DoubleDecomposition {
    /// Eigenvalues ascending and eigenvectors as the columns of the row-major `n × n` result, of the
    /// symmetric matrix `a` (`n × n`, row-major).
    ///
    /// ```
    /// A = V·diag(λ)·Vᵀ,   VᵀV = I,   λ₀ ≤ … ≤ λₙ₋₁
    /// ```
    static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        require(a.count == n * n, "DoubleDecomposition.symmetricEigen: \(a.count) values for a \(n)×\(n) matrix")
        if let lapack = DoubleLAPACK.shared, let result = lapack.symmetricEigen(a, n: n) { return result }
        return jacobiEigen(a, n: n)
    }

    /// The thin SVD of the row-major `m × n` matrix `a`: U (`m × k`), σ descending (`k`), Vᵀ (`k × n`),
    /// k = min(m, n).
    ///
    /// ```
    /// A = U·diag(σ)·Vᵀ
    /// ```
    /// Without LAPACK it goes through the eigendecomposition of AᵀA (or AAᵀ), which squares the
    /// condition number: singular values below about √ε·σ₀ lose their relative accuracy.
    static func svd(_ a: [Double], rows m: Int, columns n: Int) -> (u: [Double], singularValues: [Double], vt: [Double]) {
        require(a.count == m * n, "DoubleDecomposition.svd: \(a.count) values for a \(m)×\(n) matrix")
        if let lapack = DoubleLAPACK.shared, let result = lapack.svd(a, rows: m, columns: n) { return result }
        return svdThroughGram(a, rows: m, columns: n)
    }

    /// Cyclic Jacobi rotations until every off-diagonal element is negligible; then sorted ascending.
    static func jacobiEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        var m = a, v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, total = 0.0
            for i in 0..<n { for j in 0..<n { total += m[i * n + j] * m[i * n + j]; if i != j { off += m[i * n + j] * m[i * n + j] } } }
            if off <= 1e-30 * max(total, .leastNormalMagnitude) { break }
            for p in 0..<n {
                for q in (p + 1)..<n where m[p * n + q] != 0 {
                    let theta = (m[q * n + q] - m[p * n + p]) / (2 * m[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // columns p, q of M·J
                        let (mkp, mkq) = (m[k * n + p], m[k * n + q])
                        m[k * n + p] = c * mkp - s * mkq; m[k * n + q] = s * mkp + c * mkq
                    }
                    for k in 0..<n {  // rows p, q of Jᵀ·M
                        let (mpk, mqk) = (m[p * n + k], m[q * n + k])
                        m[p * n + k] = c * mpk - s * mqk; m[q * n + k] = s * mpk + c * mqk
                    }
                    for k in 0..<n {
                        let (vkp, vkq) = (v[k * n + p], v[k * n + q])
                        v[k * n + p] = c * vkp - s * vkq; v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { m[$0 * n + $0] < m[$1 * n + $1] }
        var vectors = [Double](repeating: 0, count: n * n)
        for (column, source) in order.enumerated() { for k in 0..<n { vectors[k * n + column] = v[k * n + source] } }
        return (order.map { m[$0 * n + $0] }, vectors)
    }

    /// SVD from the eigenvectors of the smaller Gram matrix: V from AᵀA (m ≥ n), U = A·V/σ.
    private static func svdThroughGram(_ a: [Double], rows m: Int, columns n: Int) -> (u: [Double], singularValues: [Double], vt: [Double]) {
        if m < n {
            let (u, s, vt) = svdThroughGram(transposed(a, rows: m, columns: n), rows: n, columns: m)
            return (transposed(vt, rows: m, columns: m), s, transposed(u, rows: n, columns: m))
        }
        let gram = DenseMatrix(rows: m, columns: n, values: a).gram()
        let (values, vectors) = jacobiEigen(gram, n: n)
        let order = Array((0..<n).reversed())
        let s = order.map { max(values[$0], 0).squareRoot() }
        var vt = [Double](repeating: 0, count: n * n)
        for (row, column) in order.enumerated() { for k in 0..<n { vt[row * n + k] = vectors[k * n + column] } }
        let av = DenseMatrix(rows: m, columns: n, values: a).times(transposed(vt, rows: n, columns: n), k: n)
        var u = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n where s[j] > 0 { u[i * n + j] = av[i * n + j] / s[j] } }
        return (u, s, vt)
    }

    static func transposed(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: 0, count: a.count)
        for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = a[i * columns + j] } }
        return out
    }
}

/// `dsyevd_` and `dgesdd_` bound at run time (Fortran convention: arguments by pointer, one hidden
/// length per character argument; column-major storage, so a row-major matrix is seen transposed).
private struct DoubleLAPACK: @unchecked Sendable {
    typealias P<T> = UnsafeMutablePointer<T>
    typealias Syevd = @convention(c) (P<CChar>, P<CChar>, P<Int32>, P<Double>, P<Int32>, P<Double>, P<Double>, P<Int32>,
                                      P<Int32>, P<Int32>, P<Int32>, Int, Int) -> Void
    typealias Gesdd = @convention(c) (P<CChar>, P<Int32>, P<Int32>, P<Double>, P<Int32>, P<Double>, P<Double>, P<Int32>,
                                      P<Double>, P<Int32>, P<Double>, P<Int32>, P<Int32>, P<Int32>, Int) -> Void
    let dsyevd: Syevd, dgesdd: Gesdd

    static let shared: DoubleLAPACK? = {
        guard let syevd = BLASSymbol.address(of: "dsyevd_"), let gesdd = BLASSymbol.address(of: "dgesdd_") else { return nil }
        return DoubleLAPACK(dsyevd: unsafeBitCast(syevd, to: Syevd.self), dgesdd: unsafeBitCast(gesdd, to: Gesdd.self))
    }()

    /// The row-major lower triangle is the column-major upper one ('U'); eigenvector j is z[j·n ..< (j+1)·n].
    func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double])? {
        var z = a, w = [Double](repeating: 0, count: n)
        var nn = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        var lwork: Int32 = -1, liwork: Int32 = -1, size = 0.0, isize: Int32 = 0
        dsyevd(&jobz, &uplo, &nn, &z, &lda, &w, &size, &lwork, &isize, &liwork, &info, 1, 1)
        var work = [Double](repeating: 0, count: max(1, Int(size))), iwork = [Int32](repeating: 0, count: max(1, Int(isize)))
        lwork = Int32(work.count); liwork = Int32(iwork.count)
        dsyevd(&jobz, &uplo, &nn, &z, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else { return nil }
        return (w, DoubleDecomposition.transposed(z, rows: n, columns: n))
    }

    /// On the column-major view Aᵀ = V·Σ·Uᵀ the outputs "U" and "Vᵀ", read row-major, are A's Vᵀ and U.
    func svd(_ a: [Double], rows m: Int, columns n: Int) -> (u: [Double], singularValues: [Double], vt: [Double])? {
        let k = min(m, n)
        var work = a, s = [Double](repeating: 0, count: k)
        var vt = [Double](repeating: 0, count: k * n), u = [Double](repeating: 0, count: m * k)
        var rows = Int32(n), columns = Int32(m), lda = Int32(max(1, n)), ldu = Int32(max(1, n)), ldvt = Int32(max(1, k))
        var info: Int32 = 0, jobz = CChar(UInt8(ascii: "S"))
        var iwork = [Int32](repeating: 0, count: 8 * max(1, k)), lwork: Int32 = -1, size = 0.0
        dgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &size, &lwork, &iwork, &info, 1)
        var buffer = [Double](repeating: 0, count: max(1, Int(size)))
        lwork = Int32(buffer.count)
        dgesdd(&jobz, &rows, &columns, &work, &lda, &s, &vt, &ldu, &u, &ldvt, &buffer, &lwork, &iwork, &info, 1)
        guard info == 0 else { return nil }
        return (u, s, vt)
    }
}
