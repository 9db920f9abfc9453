import Foundation

/// Why a ``LinearAlgebra`` call on data from a user or a file failed (the `checked…` variants
/// throw it; the plain functions stop with the same message, as for any programmer error).
public enum LinearAlgebraError: Error, Equatable, LocalizedError {
    /// A zero pivot in the LU factorisation: A·X = B has no unique solution.
    case singularMatrix(operation: String, shape: [Int])
    /// A non-positive pivot in the Cholesky factorisation.
    case notPositiveDefinite(operation: String, shape: [Int])
    /// NaN or infinity in the input.
    case nonFinite(operation: String, shape: [Int])

    public var errorDescription: String? {
        switch self {
        case .singularMatrix(let operation, let shape): "\(operation): the matrix of shape \(shape) is singular"
        case .notPositiveDefinite(let operation, let shape): "\(operation): the matrix of shape \(shape) is not positive definite"
        case .nonFinite(let operation, let shape): "\(operation): the matrix of shape \(shape) contains NaN or infinity"
        }
    }
}
