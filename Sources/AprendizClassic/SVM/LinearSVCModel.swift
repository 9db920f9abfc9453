import AprendizData
import AprendizTensor

/// A fitted ``LinearSVC``: f(x) = x·wᵀ + b (scikit-learn's `coef_` `[1 or K, features]`, `intercept_`);
/// two classes: classes[1] where f(x) > 0; K classes: the class of the largest fₖ(x).
/// `predictProbabilities` is not a probability (a linear SVM has none): it is the one-hot of the prediction.
/// Saved as the tensors `coefficients` and `intercept`, classes in the metadata.
public struct LinearSVCModel: ClassificationModel, ArchivableModel, Equatable {
    /// w, `[1 or K, features]`.
    public let coefficients: Tensor
    /// b, `[1 or K]`.
    public let intercept: Tensor
    /// The sorted class labels.
    public let classes: [Int]
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its parameters; one row of coefficients means two classes.
    public init(coefficients: Tensor, intercept: Tensor, classes: [Int], hyperParameters: [String: String] = [:]) {
        let rows = classes.count == 2 ? 1 : classes.count
        require(coefficients.rank == 2 && coefficients.shape[0] == rows && intercept.shape == [rows],
                "LinearSVCModel: coefficients \(coefficients.shape) and intercept \(intercept.shape) do not fit \(classes.count) classes")
        self.coefficients = coefficients
        self.intercept = intercept
        self.classes = classes
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { coefficients.shape[1] }

    /// f(x) = x·wᵀ + b, `[count]` for two classes, `[count, K]` otherwise (scikit-learn's `decision_function`).
    public func decisionFunction(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "LinearSVCModel: x has shape \(x.shape), expected [count, \(featureCount)]")
        let f = x.matmul(coefficients, transposeOther: true) + intercept
        return classes.count == 2 ? f.reshaped([-1]) : f
    }

    /// The one-hot of the predicted class, `[count, K]` (not a calibrated probability).
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let f = decisionFunction(x), m = x.shape[0], k = classes.count
        var out = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
            if k == 2 {
                out[i * 2 + (f[i] > 0 ? 1 : 0)] = 1
            } else {
                var best = 0
                for c in 1..<k where f[i, c] > f[i, best] { best = c }
                out[i * k + best] = 1
            }
        }
        return Tensor(shape: [m, k], scalars: out)
    }

    public static let archiveKind = "linear-svc"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["coefficients": coefficients, "intercept": intercept], estimator: LinearSVC.name,
                                         hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let w = try archive.tensor("coefficients", for: kind), b = try archive.tensor("intercept", for: kind)
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard classes.count >= 2, w.rank == 2, w.shape[0] == (classes.count == 2 ? 1 : classes.count), b.shape == [w.shape[0]] else {
            throw .invalidModelFile(expected: kind, reason: "coefficients \(w.shape) and intercept \(b.shape) do not fit classes \(classes)")
        }
        self.init(coefficients: w, intercept: b, classes: classes, hyperParameters: archive.hyperParameters)
    }
}
