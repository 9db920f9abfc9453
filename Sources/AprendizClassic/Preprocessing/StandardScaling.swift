import AprendizData
import AprendizTensor

/// Standardisation as a ``Transformer`` (scikit-learn's `StandardScaler`); fitting gives the data
/// module's `Standardizer` (x′ = (x − μ)/σ, constant columns only centred).
public struct StandardScaling: Transformer, Equatable, Codable {
    public static let name = "StandardScaling"

    /// No hyper-parameters (scikit-learn's defaults: centre and scale).
    public init() {}

    public func fit(_ x: Tensor) throws(ClassicError) -> Standardizer {
        try InputValidation.features(x, for: Self.name)
        return Standardizer(fitting: x)
    }
}

extension Standardizer: InvertibleTransform {}
