import AprendizTensor

/// A fitted feature transformation (scikit-learn's `TransformerMixin` after `fit`).
public protocol FittedTransform: Sendable {
    /// The transformed rows of `x` (`[count, features]`).
    func transform(_ x: Tensor) -> Tensor
}

/// A fitted transformation that can be undone: `inverseTransform(transform(x)) ≈ x`.
public protocol InvertibleTransform: FittedTransform {
    /// The rows in the original feature space.
    func inverseTransform(_ x: Tensor) -> Tensor
}

/// An unsupervised preprocessing step: hyper-parameters only; `fit` learns from rows and returns the
/// fitted ``FittedTransform``.
public protocol Transformer: Sendable {
    /// The fitted transformation.
    associatedtype Transform: FittedTransform
    /// The transformer's name in messages.
    static var name: String { get }
    /// Learns the transformation from the rows of `x` (`[count, features]`).
    func fit(_ x: Tensor) throws(ClassicError) -> Transform
}
