import AprendizTensor
import Foundation

/// The kernel functions of the support vector machines (§14, the kernel trick), by command-line name,
/// as libsvm's `kernel_type` and scikit-learn's `kernel` parameter:
/// ```
/// linear       k(x, z) = x·z
/// poly         k(x, z) = (γ x·z + coef0)^degree
/// rbf          k(x, z) = exp(−γ‖x − z‖²)
/// sigmoid      k(x, z) = tanh(γ x·z + coef0)
/// precomputed  k(xᵢ, xⱼ) = Gᵢⱼ, the rows of x are rows of a Gram matrix
/// ```
/// The parameters (γ, degree, coef0) live in ``Kernel``. Default (scikit-learn's SVC): `rbf`.
public enum KernelKind: String, Catalogue, Codable {
    case linear, poly, rbf, sigmoid, precomputed

    public static let familyName = "kernel"
}

/// The γ of the poly, rbf and sigmoid kernels, as scikit-learn's `gamma` (default `scale`):
/// ```
/// scale   γ = 1 / (features · Var(X))   (Var over every entry of X; 1 when Var(X) = 0)
/// auto    γ = 1 / features
/// value   γ as given (> 0)
/// ```
public enum KernelGamma: Equatable, Sendable, Codable, CustomStringConvertible {
    case scale
    case auto
    case value(Double)

    /// `scale`, `auto` or a positive number.
    /// - Throws: ``ClassicError/invalidHyperParameter(estimator:name:value:requirement:)`` otherwise.
    public init(parsing text: String, estimator: String = "SVC") throws(ClassicError) {
        switch CatalogueLookup.normalized(text) {
        case "scale": self = .scale
        case "auto": self = .auto
        default:
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v > 0, v.isFinite else {
                throw .invalidHyperParameter(estimator: estimator, name: "gamma", value: text, requirement: "'scale', 'auto' or a number > 0")
            }
            self = .value(v)
        }
    }

    public var description: String {
        switch self {
        case .scale: "scale"
        case .auto: "auto"
        case .value(let v): "\(v)"
        }
    }

    /// The number γ for the training rows `x` (`[count, features]`), summing the variance in `Double`.
    func resolved(for x: Tensor) -> Double {
        switch self {
        case .value(let v): return v
        case .auto: return 1 / Double(x.shape[1])
        case .scale:
            let variance = x.withUnsafeBufferPointer { values -> Double in
                var sum = 0.0
                for v in values { sum += Double(v) }
                let mean = sum / Double(max(values.count, 1))
                var squares = 0.0
                for v in values { squares += (Double(v) - mean) * (Double(v) - mean) }
                return squares / Double(max(values.count, 1))
            }
            return variance == 0 ? 1 : 1 / (Double(x.shape[1]) * variance)
        }
    }
}
