import AprendizData
import AprendizTensor

/// A fitted ``LinearSVR``: f(x) = wᵀx + b (scikit-learn's `coef_` `[features]`, `intercept_`).
/// Saved as the tensors `coefficients` and `intercept`.
public struct LinearSVRModel: RegressionModel, ArchivableModel, Equatable {
    /// w, `[features]`.
    public let coefficients: Tensor
    /// b.
    public let intercept: Float
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its parameters.
    public init(coefficients: Tensor, intercept: Float, hyperParameters: [String: String] = [:]) {
        require(coefficients.rank == 1, "LinearSVRModel: coefficients have shape \(coefficients.shape), expected [features]")
        self.coefficients = coefficients
        self.intercept = intercept
        self.hyperParameters = hyperParameters
    }

    /// The number of input features the model was fitted on (`FittedModel` requirement).
    public var featureCount: Int { coefficients.shape[0] }

    /// f(x) = xw + b for each row, `[count]`.
    public func predict(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "LinearSVRModel: x has shape \(x.shape), expected [count, \(featureCount)]")
        return x.matmul(coefficients.reshaped([featureCount, 1])).reshaped([-1]) + intercept
    }

    /// The model file's kind tag (`ArchivableModel` requirement).
    public static let archiveKind = "linear-svr"

    /// The fitted model as safetensors tensors and metadata (`ArchivableModel` requirement).
    public func archived() -> SafetensorsArchive {
        SafetensorsArchive(tensors: ["coefficients": coefficients, "intercept": Tensor([intercept])], estimator: LinearSVR.name,
                           hyperParameters: hyperParameters)
    }

    /// Reads a model written by `archived()`; a missing or malformed tensor is a `ClassicError` naming it.
    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let w = try archive.tensor("coefficients", for: kind), b = try archive.tensor("intercept", for: kind)
        guard w.rank == 1, b.shape == [1] else {
            throw .invalidModelFile(expected: kind, reason: "coefficients \(w.shape) and intercept \(b.shape): expected [features] and [1]")
        }
        self.init(coefficients: w, intercept: b.scalars[0], hyperParameters: archive.hyperParameters)
    }
}
