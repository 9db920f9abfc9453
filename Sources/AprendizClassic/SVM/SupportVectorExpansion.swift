import AprendizTensor

/// The kernel expansion a fitted support vector machine predicts with (§14, the kernel trick):
/// ```
/// f(x) = Σₛ βₛ k(sₛ, x) + b      (s: support vectors, β: dual coefficients yₛαₛ or αₛ − αₛ*)
/// ```
/// ``kernelValues(_:)`` evaluates k(x, sₛ) for a block of rows as one matrix product (``Kernel``).
struct SupportVectorExpansion: Sendable {
    let kernel: Kernel
    let supportVectors: KernelRows
    /// The training rows the support vectors came from (the Gram columns of a precomputed kernel).
    let supportIndices: [Int]

    init(kernel: Kernel, supportVectors: Tensor, supportIndices: [Int]) {
        self.kernel = kernel
        self.supportVectors = KernelRows(DenseMatrix(supportVectors))
        self.supportIndices = supportIndices
    }

    /// k(xᵢ, sₛ), `[rows of x, support vectors]` row-major, for rows `range` of `x`.
    func kernelValues(_ x: Tensor, rows range: Range<Int>) -> [Double] {
        let block = DenseMatrix.rows(range, of: x, minus: [Double](repeating: 0, count: x.shape[1]))
        return kernel.matrix(block, supportVectors, columns: supportIndices)
    }

    /// Σₛ coefficients[r][s]·k(xᵢ, sₛ) for each row i of `x` and each row r of `coefficients` (`[r, s]`
    /// row-major): `[rows of x, r]`, in blocks of 1024 rows of x (bounded memory).
    func combinations(_ x: Tensor, _ coefficients: [Double], outputs r: Int) -> [Double] {
        let m = x.shape[0], s = supportIndices.count
        var out = [Double](repeating: 0, count: m * r)
        var start = 0
        while start < m {
            let range = start..<min(m, start + 1024)
            let k = kernelValues(x, rows: range)
            for (row, i) in range.enumerated() {
                for o in 0..<r {
                    var sum = 0.0
                    for t in 0..<s { sum += coefficients[o * s + t] * k[row * s + t] }
                    out[i * r + o] = sum
                }
            }
            start = range.upperBound
        }
        return out
    }
}
