import AprendizData
import AprendizTensor

/// A fitted logistic (§12.7) or softmax (§12.8) regression classifier:
/// ```
/// two classes:  z = x·w + b,   P(classes[1] | x) = σ(z) = 1 / (1 + e⁻ᶻ)          coefficients [1, features]
/// K classes:    zₖ = x·wₖ + bₖ, P(classes[k] | x) = eᶻᵏ / Σⱼ eᶻʲ                  coefficients [K, features]
/// ```
/// as scikit-learn's `coef_`/`intercept_`. Saved as the tensors `coefficients` and `intercept`, with the
/// classes and hyper-parameters in the metadata.
public struct LogisticModel: ClassificationModel, ArchivableModel, Equatable {
    /// w (one row for two classes, one row per class otherwise), `[1 or K, features]`.
    public let coefficients: Tensor
    /// b, `[1 or K]`.
    public let intercept: Tensor
    /// The sorted class labels.
    public let classes: [Int]
    /// The estimator that fitted the model.
    public let estimator: String
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its parameters; a single row of coefficients means two classes and a sigmoid.
    public init(coefficients: Tensor, intercept: Tensor, classes: [Int], estimator: String = "LogisticRegression",
                hyperParameters: [String: String] = [:]) {
        let rows = classes.count == 2 ? [1, 2] : [classes.count]
        require(coefficients.rank == 2 && rows.contains(coefficients.shape[0]) && intercept.shape == [coefficients.shape[0]],
                "LogisticModel: coefficients \(coefficients.shape) and intercept \(intercept.shape) do not fit \(classes.count) classes")
        self.coefficients = coefficients
        self.intercept = intercept
        self.classes = classes
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { coefficients.shape[1] }

    /// The scores z = x·wᵀ + b, `[count, 1 or K]` (scikit-learn's `decision_function`, which returns
    /// `[count]` for two classes).
    public func decisionFunction(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount,
                "LogisticModel.decisionFunction: x has shape \(x.shape), expected [count, \(featureCount)]")
        return x.matmul(coefficients, transposeOther: true) + intercept
    }

    /// P(classᵏ | xᵢ), `[count, classes]`: [1 − σ(z), σ(z)] for a single row of coefficients, softmax otherwise.
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let z = decisionFunction(x)
        if coefficients.shape[0] == 1 {
            let p = 1 / (1 + (-z).exp())
            return Tensor.concatenate([1 - p, p], axis: 1)
        }
        let shifted = z - z.max(axis: 1, keepDims: true)
        let e = shifted.exp()
        return e / e.sum(axis: 1, keepDims: true)
    }

    public static let archiveKind = "logistic"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["coefficients": coefficients, "intercept": intercept],
                                         estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let w = try archive.tensor("coefficients", for: kind), b = try archive.tensor("intercept", for: kind)
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard classes.count >= 2, w.rank == 2, b.shape == [w.shape[0]], w.shape[0] == (classes.count == 2 ? 1 : classes.count) else {
            throw .invalidModelFile(expected: kind, reason: "coefficients \(w.shape) and intercept \(b.shape) do not fit classes \(classes)")
        }
        self.init(coefficients: w, intercept: b, classes: classes, estimator: archive.metadata["estimator"] ?? "LogisticRegression",
                  hyperParameters: archive.hyperParameters)
    }
}
