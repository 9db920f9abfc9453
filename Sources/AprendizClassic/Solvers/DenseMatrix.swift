import AprendizTensor

/// A `Float` tensor's rows in `Double` (row-major), the working precision of the classic solvers:
/// data stays `Float`, sums of many products accumulate in `Double` (SPEC "Classic ML — decisions").
/// The products split rows over the ``Parallel`` thread pool, each block through float64 BLAS
/// (``DoubleBLAS``) when the loaded library has it, else through the Swift loops below.
struct DenseMatrix: Sendable {
    let rows: Int
    let columns: Int
    /// Row-major values, `rows × columns`.
    var values: [Double]

    init(rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The `[rows, columns]` tensor `x` in `Double`.
    init(_ x: Tensor) {
        require(x.rank == 2, "DenseMatrix: expects a [rows, columns] matrix, got \(x.shape)")
        let values = x.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: source.count) { target, initialized in
                for i in 0..<source.count { target[i] = Double(source[i]) }
                initialized = source.count
            }
        }
        self.init(rows: x.shape[0], columns: x.shape[1], values: values)
    }

    /// The `[rows, columns]` tensor `x` in `Double` with each column's mean subtracted (one pass to sum, one
    /// to convert and centre, no intermediate copy), and those means.
    static func centered(_ x: Tensor) -> (matrix: DenseMatrix, means: [Double]) {
        let means = columnMeans(of: x)
        return (rows(0..<x.shape[0], of: x, minus: means), means)
    }

    /// The mean of each column of the `[rows, columns]` tensor `x`, summed in `Double`.
    static func columnMeans(of x: Tensor) -> [Double] {
        require(x.rank == 2, "DenseMatrix: expects a [rows, columns] matrix, got \(x.shape)")
        let (n, p) = (x.shape[0], x.shape[1])
        var means = [Double](repeating: 0, count: p)
        x.withUnsafeBufferPointer { source in
            means.withUnsafeMutableBufferPointer { m in
                for i in 0..<n { for j in 0..<p { m[j] += Double(source[i * p + j]) } }
            }
        }
        return means.map { $0 / Double(max(n, 1)) }
    }

    /// Rows `range` of the `[rows, columns]` tensor `x` in `Double`, each column minus `shift[j]`.
    static func rows(_ range: Range<Int>, of x: Tensor, minus shift: [Double]) -> DenseMatrix {
        let p = x.shape[1]
        require(shift.count == p, "DenseMatrix.rows: \(shift.count) shifts for \(p) columns")
        let values = x.withUnsafeBufferPointer { source in
            shift.withUnsafeBufferPointer { m in
                [Double](unsafeUninitializedCapacity: range.count * p) { target, initialized in
                    let first = range.lowerBound * p
                    for i in 0..<range.count { for j in 0..<p { target[i * p + j] = Double(source[first + i * p + j]) - m[j] } }
                    initialized = range.count * p
                }
            }
        }
        return DenseMatrix(rows: range.count, columns: p, values: values)
    }

    /// (x − 1·shiftᵀ)ᵀ(x − 1·shiftᵀ) and (x − 1·shiftᵀ)ᵀ·y without the `Double` copy of x: each block of rows
    /// is converted into a small buffer (cache-resident) and goes straight to ``gram()`` and
    /// ``transposeTimes(_:k:)``; the blocks are those of ``gram()``, summed in the same order, so the
    /// result is the one of the full copy.
    static func centeredProducts(_ x: Tensor, minus shift: [Double], _ y: [Double]) -> (gram: [Double], xty: [Double]) {
        let (n, p) = (x.shape[0], x.shape[1])
        require(y.count == n, "DenseMatrix.centeredProducts: x has shape \(x.shape) but y has \(y.count) values")
        var gram = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p)
        for block in 0..<blockCount(n) {
            let range = blockRange(block, n)
            let rows = rows(range, of: x, minus: shift)
            let (g, v) = (rows.gram(), rows.transposeTimes(Array(y[range])))
            for m in 0..<(p * p) { gram[m] += g[m] }
            for j in 0..<p { xty[j] += v[j] }
        }
        return (gram, xty)
    }

    /// The mean of each column (row by row, so the inner loop runs over contiguous memory).
    func columnMeans() -> [Double] {
        var means = [Double](repeating: 0, count: columns)
        let p = columns
        values.withUnsafeBufferPointer { x in
            means.withUnsafeMutableBufferPointer { m in
                for i in 0..<rows { for j in 0..<p { m[j] += x[i * p + j] } }
            }
        }
        return means.map { $0 / Double(max(rows, 1)) }
    }

    /// Xᵀ.
    func transposed() -> DenseMatrix {
        var out = [Double](repeating: 0, count: values.count)
        for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = values[i * columns + j] } }
        return DenseMatrix(rows: columns, columns: rows, values: out)
    }

    /// The columns as contiguous arrays (column-major access for coordinate descent).
    func columnArrays() -> [[Double]] {
        let (n, p) = (rows, columns)
        return values.withUnsafeBufferPointer { x in
            (0..<p).map { j in
                [Double](unsafeUninitializedCapacity: n) { column, initialized in
                    for i in 0..<n { column[i] = x[i * p + j] }
                    initialized = n
                }
            }
        }
    }

    /// X·B for B `[columns, k]` row-major: `[rows, k]`.
    func times(_ b: [Double], k: Int = 1) -> [Double] {
        require(b.count == columns * k, "DenseMatrix.times: [\(rows), \(columns)] by \(b.count / max(k, 1))×\(k)")
        var out = [Double](repeating: 0, count: rows * k)
        let p = columns
        values.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    let (x, b, o) = (UncheckedPointer(x.baseAddress!), UncheckedPointer(b.baseAddress!), UncheckedPointer(o.baseAddress!))
                    Parallel.forEach(blockCount(rows)) { block in
                        let range = blockRange(block, rows)
                        if let blas = DoubleBLAS.shared, k == 1 {
                            blas.dgemv(transposeA: false, m: range.count, n: p, a: x.base + range.lowerBound * p, x: b.base,
                                       y: o.base + range.lowerBound)
                            return
                        }
                        if let blas = DoubleBLAS.shared {
                            blas.dgemm(transposeA: false, m: range.count, n: k, k: p, a: x.base + range.lowerBound * p, lda: p,
                                       b: b.base, c: o.base + range.lowerBound * k)
                            return
                        }
                        for i in range {
                            for j in 0..<p {
                                let v = x.base[i * p + j]
                                if v != 0 { for c in 0..<k { o.base[i * k + c] += v * b.base[j * k + c] } }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Xᵀ·G for G `[rows, k]` row-major: `[columns, k]` (each block of rows sums into its own buffer).
    func transposeTimes(_ g: [Double], k: Int = 1) -> [Double] {
        require(g.count == rows * k, "DenseMatrix.transposeTimes: [\(rows), \(columns)]ᵀ by \(g.count / max(k, 1))×\(k)")
        let blocks = blockCount(rows), p = columns, size = columns * k
        var partial = [Double](repeating: 0, count: blocks * size)
        values.withUnsafeBufferPointer { x in
            g.withUnsafeBufferPointer { g in
                partial.withUnsafeMutableBufferPointer { s in
                    let (x, g, s) = (UncheckedPointer(x.baseAddress!), UncheckedPointer(g.baseAddress!), UncheckedPointer(s.baseAddress!))
                    Parallel.forEach(blocks) { block in
                        let sum = s.base + block * size, range = blockRange(block, rows)
                        if let blas = DoubleBLAS.shared, k == 1 {
                            blas.dgemv(transposeA: true, m: range.count, n: p, a: x.base + range.lowerBound * p,
                                       x: g.base + range.lowerBound, y: sum)
                            return
                        }
                        if let blas = DoubleBLAS.shared {
                            blas.dgemm(transposeA: true, m: p, n: k, k: range.count, a: x.base + range.lowerBound * p, lda: p,
                                       b: g.base + range.lowerBound * k, c: sum)
                            return
                        }
                        for i in range {
                            for j in 0..<p {
                                let v = x.base[i * p + j]
                                if v != 0 { for c in 0..<k { sum[j * k + c] += v * g.base[i * k + c] } }
                            }
                        }
                    }
                }
            }
        }
        var total = Array(partial[0..<size])
        for block in 1..<blocks { for m in 0..<size { total[m] += partial[block * size + m] } }
        return total
    }

    /// XᵀX (`[columns, columns]`), the Gram matrix of the normal equations: each block of rows adds its
    /// rank-one updates xᵢxᵢᵀ (upper triangle, contiguous rows) into its own buffer, then the blocks are summed.
    func gram() -> [Double] {
        let n = columns, blocks = blockCount(rows), size = n * n
        var partial = [Double](repeating: 0, count: blocks * size)
        values.withUnsafeBufferPointer { x in
            partial.withUnsafeMutableBufferPointer { s in
                let (x, s) = (UncheckedPointer(x.baseAddress!), UncheckedPointer(s.baseAddress!))
                Parallel.forEach(blocks) { block in
                    let sum = s.base + block * size, range = blockRange(block, rows)
                    if let blas = DoubleBLAS.shared {
                        blas.gramUpper(n: n, k: range.count, a: x.base + range.lowerBound * n, c: sum)
                        return
                    }
                    for i in range {
                        let row = x.base + i * n
                        for a in 0..<n {
                            let xa = row[a]
                            if xa == 0 { continue }
                            let target = sum + a * n
                            for b in a..<n { target[b] += xa * row[b] }
                        }
                    }
                }
            }
        }
        var out = Array(partial[0..<size])
        for block in 1..<blocks { for m in 0..<size { out[m] += partial[block * size + m] } }
        for a in 0..<n { for b in 0..<a { out[a * n + b] = out[b * n + a] } }
        return out
    }
}

/// Rows per block of a parallel product (a few thousand rows keep each job well above the pool's cost).
private let rowsPerBlock = 2048
private func blockCount(_ rows: Int) -> Int { max(1, (rows + rowsPerBlock - 1) / rowsPerBlock) }
private func blockRange(_ block: Int, _ rows: Int) -> Range<Int> { (block * rowsPerBlock)..<min(rows, (block + 1) * rowsPerBlock) }

/// A pointer the parallel bodies read or write at disjoint indices (the caller keeps the memory alive).
struct UncheckedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    init(_ base: UnsafePointer<Element>) { self.base = UnsafeMutablePointer(mutating: base) }
}

/// A mutable buffer the parallel bodies write into at disjoint indices.
struct UncheckedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
