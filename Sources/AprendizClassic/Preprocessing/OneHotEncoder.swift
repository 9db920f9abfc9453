import AprendizTensor

/// One-hot encoding of integer-coded categorical columns (scikit-learn's `OneHotEncoder`): each column
/// with categories c₁ < … < c_m (learnt from the data) becomes m indicator columns
/// ```
/// x = cₖ  →  eₖ = [0, …, 1 (k-th), …, 0]
/// ```
/// A category not seen in fitting becomes all zeros (scikit-learn's `handle_unknown="ignore"`; its default
/// raises instead).
public struct OneHotEncoder: Transformer, Equatable, Codable {
    public static let name = "OneHotEncoder"

    /// No hyper-parameters.
    public init() {}

    public func fit(_ x: Tensor) throws(ClassicError) -> OneHotEncoding {
        try InputValidation.features(x, for: Self.name)
        let p = x.shape[1], values = x.scalars
        var categories: [[Float]] = []
        for j in 0..<p {
            let column = stride(from: j, to: values.count, by: p).map { values[$0] }
            guard column.allSatisfy({ $0.rounded() == $0 }) else {
                throw .invalidData(estimator: Self.name, reason: "column \(j) holds non-integer values; categories must be integer codes")
            }
            categories.append(Array(Set(column)).sorted())
        }
        return OneHotEncoding(categories: categories)
    }
}

/// The fitted ``OneHotEncoder``.
public struct OneHotEncoding: InvertibleTransform, Equatable {
    /// The sorted categories of each input column.
    public let categories: [[Float]]

    /// `[count, Σ categories]`.
    public func transform(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == categories.count, "OneHotEncoding: x has shape \(x.shape), expected [count, \(categories.count)]")
        let width = categories.map(\.count).reduce(0, +), rows = x.shape[0], values = x.scalars
        var out = [Float](repeating: 0, count: rows * width)
        for i in 0..<rows {
            var offset = 0
            for (j, column) in categories.enumerated() {
                if let k = column.firstIndex(of: values[i * categories.count + j]) { out[i * width + offset + k] = 1 }
                offset += column.count
            }
        }
        return Tensor(shape: [rows, width], scalars: out)
    }

    /// The category of the largest indicator in each block (the first category for an all-zero block).
    public func inverseTransform(_ x: Tensor) -> Tensor {
        let width = categories.map(\.count).reduce(0, +)
        require(x.rank == 2 && x.shape[1] == width, "OneHotEncoding.inverseTransform: x has shape \(x.shape), expected [count, \(width)]")
        let rows = x.shape[0], values = x.scalars
        var out: [Float] = []
        for i in 0..<rows {
            var offset = 0
            for column in categories {
                let block = values[(i * width + offset)..<(i * width + offset + column.count)]
                out.append(column[block.indices.max { block[$0] < block[$1] }! - (i * width + offset)])
                offset += column.count
            }
        }
        return Tensor(shape: [rows, categories.count], scalars: out)
    }
}
