import Foundation

/// A problem with what a user gave a classic-ML estimator: a hyper-parameter out of range, or training
/// data that cannot be fitted (NaN, mismatched lengths, too few classes), or a model file of the wrong
/// kind. The description is one line naming the estimator and what is wrong.
public enum ClassicError: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// `name = value` is not allowed: it must satisfy `requirement`.
    case invalidHyperParameter(estimator: String, name: String, value: String, requirement: String)
    /// The data given to `fit` (or `transform`) cannot be used; `reason` says why.
    case invalidData(estimator: String, reason: String)
    /// A model file does not hold what the caller asked for.
    case invalidModelFile(expected: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidHyperParameter(estimator, name, value, requirement):
            "\(estimator): hyper-parameter \(name) = \(value) is invalid: it must be \(requirement)"
        case let .invalidData(estimator, reason): "\(estimator): \(reason)"
        case let .invalidModelFile(expected, reason): "model file for \(expected): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}

/// Checks a hyper-parameter: throws ``ClassicError/invalidHyperParameter(estimator:name:value:requirement:)``
/// naming it when `condition` is false.
func checkHyperParameter<Value>(_ condition: Bool, _ estimator: String, _ name: String, _ value: Value,
                                _ requirement: String) throws(ClassicError) {
    if !condition {
        throw .invalidHyperParameter(estimator: estimator, name: name, value: "\(value)", requirement: requirement)
    }
}

extension ClassicError {
    /// The same error reported under another estimator's name (for estimators built on another one).
    func renamed(from old: String, to new: String) -> ClassicError {
        switch self {
        case let .invalidHyperParameter(estimator, name, value, requirement) where estimator == old:
            .invalidHyperParameter(estimator: new, name: name, value: value, requirement: requirement)
        case let .invalidData(estimator, reason) where estimator == old: .invalidData(estimator: new, reason: reason)
        default: self
        }
    }
}
