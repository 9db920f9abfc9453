import AprendizData
import AprendizTensor

/// Histogram gradient boosting for classification (book §15; LightGBM, scikit-learn's
/// `HistGradientBoostingClassifier`): two classes boost one tree per iteration on the log-loss of
/// P(classes[1] | x) = σ(F(x)); K > 2 classes boost K trees per iteration, one per class, on the softmax
/// cross-entropy:
/// ```
/// binary:      F₀ = log(p̄/(1 − p̄)),  g = σ(F) − y,        h = σ(F)(1 − σ(F))
/// multiclass:  F₀ₖ = log p̄ₖ − mean,    gₖ = softmax(F)ₖ − [y = k],  hₖ = pₖ(1 − pₖ)
/// ```
/// Leaves and splits as ``HistGradientBoostingRegressor``. Defaults as ``GradientBoostingParameters``;
/// the early-stopping split is stratified.
public struct HistGradientBoostingClassifier: Estimator, Equatable, Codable {
    public static let name = "HistGradientBoostingClassifier"
    /// The hyper-parameters.
    public var parameters: GradientBoostingParameters

    /// Validates and stores the hyper-parameters (see ``GradientBoostingParameters`` for each).
    public init(_ parameters: GradientBoostingParameters = GradientBoostingParameters()) throws(ClassicError) {
        try parameters.validate(for: Self.name)
        self.parameters = parameters
    }

    public func validate() throws(ClassicError) { try parameters.validate(for: Self.name) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> HistGradientBoostingClassificationModel {
        try validate()
        try InputValidation.featuresWithMissing(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let loss: BoostingLoss = labels.classes.count == 2 ? .binomial : .multinomial(classes: labels.classes.count)
        let trees = HistogramBooster(parameters: parameters, loss: loss, stratify: true).fit(x, labels.indices.map(Double.init))
        return HistGradientBoostingClassificationModel(trees: trees, classes: labels.classes, hyperParameters: parameters.text)
    }
}

/// A fitted ``HistGradientBoostingClassifier``: P = [1 − σ(F), σ(F)] for two classes, softmax(F) otherwise
/// (F from ``BoostedTrees``). Saved as the flat tree arrays with the classes and hyper-parameters in the metadata.
public struct HistGradientBoostingClassificationModel: ClassificationModel, ArchivableModel, Equatable {
    /// The fitted trees (one per iteration for two classes, else one per class per iteration).
    public let trees: BoostedTrees
    /// The sorted class labels.
    public let classes: [Int]
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its trees; two classes need one tree per iteration, K > 2 classes K.
    public init(trees: BoostedTrees, classes: [Int], hyperParameters: [String: String] = [:]) {
        require(classes.count >= 2 && trees.treesPerIteration == (classes.count == 2 ? 1 : classes.count),
                "HistGradientBoostingClassificationModel: \(trees.treesPerIteration) trees per iteration do not fit \(classes.count) classes")
        self.trees = trees
        self.classes = classes
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { trees.featureCount }

    /// The raw scores F(x), `[count, 1]` for two classes (scikit-learn's `decision_function`), else `[count, K]`.
    public func decisionFunction(_ x: Tensor) -> Tensor { trees.rawPredictions(x) }

    /// P(classes[k] | x) per row, `[count, classes.count]`.
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let z = decisionFunction(x)
        if classes.count == 2 {
            let p = 1 / (1 + (-z).exp())
            return Tensor.concatenate([1 - p, p], axis: 1)
        }
        let e = (z - z.max(axis: 1, keepDims: true)).exp()
        return e / e.sum(axis: 1, keepDims: true)
    }

    public static let archiveKind = "hist-gradient-boosting-classifier"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: trees.tensors, estimator: HistGradientBoostingClassifier.name,
                                         hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard classes.count >= 2 else { throw .invalidModelFile(expected: kind, reason: "needs at least 2 classes, got \(classes)") }
        let trees = try BoostedTrees(archive: archive, kind: kind, treesPerIteration: classes.count == 2 ? 1 : classes.count)
        self.init(trees: trees, classes: classes, hyperParameters: archive.hyperParameters)
    }
}
