import AprendizData
import AprendizTensor

/// Fills missing values (NaN) per column (scikit-learn's `SimpleImputer`):
/// ```
/// xᵢⱼ = NaN  →  fillⱼ = mean | median | most frequent of the column's present values, or a constant
/// ```
/// Default strategy: mean (as scikit-learn). A column with no present value fills with 0.
public struct SimpleImputer: Transformer, Equatable {
    /// How the fill value of a column is chosen.
    public enum Strategy: Equatable, Sendable {
        case mean, median, mostFrequent
        case constant(Float)
    }

    public static let name = "SimpleImputer"
    /// The strategy (default mean).
    public var strategy: Strategy

    /// Stores the strategy.
    public init(strategy: Strategy = .mean) { self.strategy = strategy }

    public func fit(_ x: Tensor) throws(ClassicError) -> Imputation {
        guard x.rank == 2, x.shape[0] > 0 else {
            throw .invalidData(estimator: Self.name, reason: "x must be a non-empty [count, features] matrix, got shape \(x.shape)")
        }
        let p = x.shape[1], values = x.scalars
        if values.contains(where: { $0.isInfinite }) {
            throw .invalidData(estimator: Self.name, reason: "x holds an infinite value (only NaN marks a missing value)")
        }
        let fills = (0..<p).map { j -> Float in
            let present = stride(from: j, to: values.count, by: p).map { values[$0] }.filter { !$0.isNaN }
            return fill(present)
        }
        return Imputation(fillValues: fills)
    }

    private func fill(_ present: [Float]) -> Float {
        switch strategy {
        case .constant(let value): value
        case .mean: MissingValueStrategy.mean.fillValue(present)
        case .median: MissingValueStrategy.median.fillValue(present)
        case .mostFrequent: MissingValueStrategy.mostFrequent.fillValue(present)
        }
    }
}

/// The fitted ``SimpleImputer``: one fill value per column.
public struct Imputation: FittedTransform, Equatable {
    /// The value that replaces NaN in each column.
    public let fillValues: [Float]

    /// x with each NaN replaced by its column's fill value.
    public func transform(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == fillValues.count, "Imputation: x has shape \(x.shape), expected [count, \(fillValues.count)]")
        let p = fillValues.count
        return Tensor(shape: x.shape, scalars: x.scalars.enumerated().map { $1.isNaN ? fillValues[$0 % p] : $1 })
    }
}
