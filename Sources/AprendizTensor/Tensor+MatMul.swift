// Matrix products: 2-D and batched, on the BLAS/Swift GEMM dispatch of `MatrixMultiply`.

extension Tensor {
    /// The matrix product. Shapes follow NumPy's `matmul`: `[m, k]·[k, n] → [m, n]`; a 1-D operand is
    /// a row (left) or column (right) vector; higher ranks are batches of matrices whose leading
    /// dimensions broadcast.
    /// - Parameters:
    ///   - other: the right operand.
    ///   - transposeSelf: use this tensor's last two axes transposed, without materialising it.
    ///   - transposeOther: likewise for `other`.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        require(rank >= 1 && other.rank >= 1, "matmul: shapes \(shape) and \(other.shape) need at least one axis each")
        if rank == 1 || other.rank == 1 {
            let a = rank == 1 ? reshaped([1, count]) : self
            let b = other.rank == 1 ? other.reshaped([other.count, 1]) : other
            let product = a.matmul(b, transposeSelf: rank == 1 ? false : transposeSelf,
                                   transposeOther: other.rank == 1 ? false : transposeOther)
            var resultShape = Array(product.shape.dropLast(2))
            if rank != 1 { resultShape.append(product.shape[product.rank - 2]) }
            if other.rank != 1 { resultShape.append(product.shape[product.rank - 1]) }
            return product.reshaped(resultShape)
        }
        let (m, k) = transposeSelf ? (shape[rank - 1], shape[rank - 2]) : (shape[rank - 2], shape[rank - 1])
        let (k2, n) = transposeOther ? (other.shape[other.rank - 1], other.shape[other.rank - 2])
                                     : (other.shape[other.rank - 2], other.shape[other.rank - 1])
        require(k == k2, "matmul: shapes \(shape) and \(other.shape) are incompatible (inner dimensions \(k) and \(k2))")
        let batch = Shape.broadcast(Array(shape.dropLast(2)), Array(other.shape.dropLast(2)), in: "matmul")
        let a = broadcast(to: batch + Array(shape.suffix(2)))
        let b = other.broadcast(to: batch + Array(other.shape.suffix(2)))
        let result = Tensor(uninitializedShape: batch + [m, n])
        let batches = batch.reduce(1, *)
        let pa = UnsafePointer(a.storage.pointer), pb = UnsafePointer(b.storage.pointer), pc = result.storage.pointer
        let lda = a.shape[a.rank - 1], ldb = b.shape[b.rank - 1]
        for index in 0..<batches {
            MatrixMultiply.sgemm(transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k, alpha: 1,
                                 a: pa + index * m * k, lda: lda, b: pb + index * k * n, ldb: ldb,
                                 beta: 0, c: pc + index * m * n, ldc: n)
        }
        return result
    }
}
