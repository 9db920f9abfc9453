import AprendizData
import AprendizTensor

/// A fitted classification tree (§13.2–13.3): a row's class probabilities are the class fractions of the
/// training samples in its leaf, and its prediction the most frequent class there.
/// ```
/// P(classes[k] | x) = value[leaf(x), k]
/// ```
/// Saved as the ``DecisionTree`` tensors with the classes in the metadata (kind `decision-tree-classifier`).
public struct DecisionTreeClassificationModel: ClassificationModel, ArchivableModel, FeatureImportanceModel, Equatable {
    /// The tree; its values are the class fractions.
    public let tree: DecisionTree
    public let classes: [Int]
    public let featureCount: Int
    /// The estimator that fitted the model.
    public let estimator: String
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from a tree whose values have one column per class.
    public init(tree: DecisionTree, classes: [Int], featureCount: Int, estimator: String = DecisionTreeClassifier.name,
                hyperParameters: [String: String] = [:]) {
        require(tree.valueWidth == classes.count, "DecisionTreeClassificationModel: \(tree.valueWidth) values per node for \(classes.count) classes")
        self.tree = tree
        self.classes = classes
        self.featureCount = featureCount
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public func predictProbabilities(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "\(estimator): x has shape \(x.shape), expected [count, \(featureCount)]")
        var sums = [Float](repeating: 0, count: x.shape[0] * classes.count)
        tree.accumulateLeafValues(x, into: &sums)
        return Tensor(shape: [x.shape[0], classes.count], scalars: sums)
    }

    /// Impurity-based importances, summing to 1 (``DecisionTree/featureImportances(featureCount:)``).
    public var featureImportances: Tensor { Tensor(tree.featureImportances(featureCount: featureCount).map { Float($0) }) }

    public static let archiveKind = "decision-tree-classifier"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: tree.tensors(), estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        archive.metadata["features"] = "\(featureCount)"
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard let features = Int(try archive.value("features", for: kind)), features > 0 else {
            throw .invalidModelFile(expected: kind, reason: "bad feature count")
        }
        let tree = try DecisionTree(archive: archive, kind: kind, featureCount: features)
        guard tree.valueWidth == classes.count else {
            throw .invalidModelFile(expected: kind, reason: "\(tree.valueWidth) values per node for \(classes.count) classes")
        }
        self.init(tree: tree, classes: classes, featureCount: features, estimator: archive.metadata["estimator"] ?? DecisionTreeClassifier.name,
                  hyperParameters: archive.hyperParameters)
    }
}
