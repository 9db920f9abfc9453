import AprendizData
import AprendizTensor

/// A fitted regression tree (§13.3): a row's prediction is the mean (squared error) or median (absolute
/// error) of the training targets in its leaf.
/// ```
/// ŷ(x) = value[leaf(x)]
/// ```
/// Saved as the ``DecisionTree`` tensors (kind `decision-tree-regressor`).
public struct DecisionTreeRegressionModel: RegressionModel, ArchivableModel, FeatureImportanceModel, Equatable {
    /// The tree; one value per node.
    public let tree: DecisionTree
    public let featureCount: Int
    /// The estimator that fitted the model.
    public let estimator: String
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from a tree with one value per node.
    public init(tree: DecisionTree, featureCount: Int, estimator: String = DecisionTreeRegressor.name,
                hyperParameters: [String: String] = [:]) {
        require(tree.valueWidth == 1, "DecisionTreeRegressionModel: \(tree.valueWidth) values per node, expected 1")
        self.tree = tree
        self.featureCount = featureCount
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public func predict(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "\(estimator): x has shape \(x.shape), expected [count, \(featureCount)]")
        var sums = [Float](repeating: 0, count: x.shape[0])
        tree.accumulateLeafValues(x, into: &sums)
        return Tensor(sums)
    }

    /// Impurity-based importances, summing to 1 (``DecisionTree/featureImportances(featureCount:)``).
    public var featureImportances: Tensor { Tensor(tree.featureImportances(featureCount: featureCount).map { Float($0) }) }

    public static let archiveKind = "decision-tree-regressor"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: tree.tensors(), estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["features"] = "\(featureCount)"
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        guard let features = Int(try archive.value("features", for: kind)), features > 0 else {
            throw .invalidModelFile(expected: kind, reason: "bad feature count")
        }
        let tree = try DecisionTree(archive: archive, kind: kind, featureCount: features)
        guard tree.valueWidth == 1 else { throw .invalidModelFile(expected: kind, reason: "\(tree.valueWidth) values per node, expected 1") }
        self.init(tree: tree, featureCount: features, estimator: archive.metadata["estimator"] ?? DecisionTreeRegressor.name,
                  hyperParameters: archive.hyperParameters)
    }
}
