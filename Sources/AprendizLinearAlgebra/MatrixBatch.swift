import AprendizTensor

/// A tensor of shape `[..., m, n]` seen as a batch of row-major m×n matrices.
struct MatrixBatch {
    let tensor: Tensor
    let batchShape: [Int]
    let rows: Int
    let columns: Int

    /// Checks that `tensor` has at least two dimensions (and is square, finite when asked).
    init(_ tensor: Tensor, _ operation: String, square: Bool = false, finite: Bool = true) {
        require(tensor.rank >= 2, "\(operation): expected a matrix or a batch of matrices (shape [..., m, n]), got shape \(tensor.shape)")
        self.tensor = tensor
        batchShape = Array(tensor.shape.dropLast(2))
        rows = tensor.shape[tensor.rank - 2]
        columns = tensor.shape[tensor.rank - 1]
        if square {
            require(rows == columns, "\(operation): expected square matrices, got shape \(tensor.shape)")
        }
        if finite {
            require(isFinite(tensor), LinearAlgebraError.nonFinite(operation: operation, shape: tensor.shape).errorDescription!)
        }
    }

    /// Number of matrices.
    var count: Int { batchShape.reduce(1, *) }

    /// The elements of matrix `index`, row-major.
    func matrix(_ index: Int) -> [Float] {
        let size = rows * columns
        return tensor.withUnsafeBufferPointer { Array($0[(index * size)..<((index + 1) * size)]) }
    }

    /// Runs `body` on every matrix and stacks the results (each of shape `shape`) over the batch.
    func map(shape: [Int], _ body: ([Float]) -> [Float]) -> Tensor {
        var scalars: [Float] = []
        scalars.reserveCapacity(count * shape.reduce(1, *))
        for index in 0..<count { scalars += body(matrix(index)) }
        return Tensor(shape: batchShape + shape, scalars: scalars)
    }
}

extension Array where Element == Double {
    /// The elements rounded to Float.
    var floats: [Float] { map(Float.init) }
}
