import AprendizData
import AprendizTensor

/// A fitted linear regression model, the result of every linear regressor of chapter 12
/// (``LinearRegression``, ``Ridge``, ``Lasso``, ``ElasticNet``, ``HuberRegressor``):
/// ```
/// ŷ = x·w + b
/// ```
/// Saved as the tensors `coefficients` (`[features]`) and `intercept` (`[1]`), with the estimator's name
/// and hyper-parameters in the metadata.
public struct LinearModel: RegressionModel, ArchivableModel, Equatable {
    /// w, shape `[features]`.
    public let coefficients: Tensor
    /// b.
    public let intercept: Float
    /// The estimator that fitted the model (`Ridge`, …).
    public let estimator: String
    /// The estimator's hyper-parameters, as text (plus any learnt scalar that is not a tensor: HuberRegressor's `scale`).
    public let hyperParameters: [String: String]

    /// A model from its parameters.
    public init(coefficients: Tensor, intercept: Float, estimator: String = "LinearModel", hyperParameters: [String: String] = [:]) {
        require(coefficients.rank == 1, "LinearModel: coefficients must have shape [features], got \(coefficients.shape)")
        self.coefficients = coefficients
        self.intercept = intercept
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { coefficients.shape[0] }

    /// x·w + b for the rows of `x` (`[count, features]`), shape `[count]`.
    public func predict(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount,
                "LinearModel.predict: x has shape \(x.shape), expected [count, \(featureCount)]")
        return x.matmul(coefficients.reshaped([-1, 1])).reshaped([-1]) + intercept
    }

    public static let archiveKind = "linear"

    public func archived() -> SafetensorsArchive {
        SafetensorsArchive(tensors: ["coefficients": coefficients, "intercept": Tensor([intercept])],
                           estimator: estimator, hyperParameters: hyperParameters)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let w = try archive.tensor("coefficients", for: kind), b = try archive.tensor("intercept", for: kind)
        guard w.rank == 1, b.count == 1 else {
            throw .invalidModelFile(expected: kind, reason: "coefficients \(w.shape) and intercept \(b.shape) are not [features] and [1]")
        }
        self.init(coefficients: w, intercept: b.scalars[0], estimator: archive.metadata["estimator"] ?? "LinearModel",
                  hyperParameters: archive.hyperParameters)
    }
}
