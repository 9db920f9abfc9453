import AprendizData
import AprendizTensor

/// A fitted forest of classification trees (§13.4; scikit-learn's `RandomForestClassifier` and
/// `ExtraTreesClassifier`): the probabilities are the mean of the trees' leaf class fractions,
/// ```
/// P(classes[k] | x) = (1/T) Σ_t value_t[leaf_t(x), k]
/// ```
/// Saved with every tree's ``DecisionTree`` arrays concatenated (children numbered within their tree) and
/// `node_offsets` (`[trees + 1]`: tree t is nodes `node_offsets[t]..<node_offsets[t+1]`); kind `forest-classifier`.
public struct ForestClassificationModel: ClassificationModel, ArchivableModel, FeatureImportanceModel, Equatable {
    /// The trees.
    public let trees: [DecisionTree]
    public let classes: [Int]
    public let featureCount: Int
    /// Accuracy on the out-of-bag rows, when asked for in fitting.
    public let outOfBagScore: Float?
    /// The estimator that fitted the model.
    public let estimator: String
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from trees whose values have one column per class.
    public init(trees: [DecisionTree], classes: [Int], featureCount: Int, outOfBagScore: Float? = nil,
                estimator: String = RandomForestClassifier.name, hyperParameters: [String: String] = [:]) {
        require(!trees.isEmpty && trees.allSatisfy { $0.valueWidth == classes.count },
                "ForestClassificationModel: needs trees with \(classes.count) values per node")
        self.trees = trees
        self.classes = classes
        self.featureCount = featureCount
        self.outOfBagScore = outOfBagScore
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public func predictProbabilities(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "\(estimator): x has shape \(x.shape), expected [count, \(featureCount)]")
        let scale = 1 / Float(trees.count)
        return Tensor(shape: [x.shape[0], classes.count], scalars: summedLeafValues(trees, x, width: classes.count).map { $0 * scale })
    }

    /// The mean of the trees' impurity-based importances, normalised to sum to 1 (as scikit-learn).
    public var featureImportances: Tensor { Tensor(meanImportances(trees, featureCount: featureCount).map { Float($0) }) }

    public static let archiveKind = "forest-classifier"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(archiveTensors: concatenatedTrees(trees), estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        archive.metadata["features"] = "\(featureCount)"
        if let outOfBagScore { archive.metadata["oob_score"] = "\(outOfBagScore)" }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        guard let features = Int(try archive.value("features", for: kind)), features > 0 else {
            throw .invalidModelFile(expected: kind, reason: "bad feature count")
        }
        let trees = try splitTrees(archive, kind: kind, featureCount: features)
        guard trees.allSatisfy({ $0.valueWidth == classes.count }) else {
            throw .invalidModelFile(expected: kind, reason: "trees do not have \(classes.count) values per node")
        }
        self.init(trees: trees, classes: classes, featureCount: features, outOfBagScore: archive.metadata["oob_score"].flatMap { Float($0) },
                  estimator: archive.metadata["estimator"] ?? RandomForestClassifier.name, hyperParameters: archive.hyperParameters)
    }
}

/// A fitted forest of regression trees (§13.4): the prediction is the mean of the trees' leaf values,
/// ```
/// ŷ(x) = (1/T) Σ_t value_t[leaf_t(x)]
/// ```
/// Saved like ``ForestClassificationModel``; kind `forest-regressor`.
public struct ForestRegressionModel: RegressionModel, ArchivableModel, FeatureImportanceModel, Equatable {
    /// The trees.
    public let trees: [DecisionTree]
    public let featureCount: Int
    /// R² on the out-of-bag rows, when asked for in fitting.
    public let outOfBagScore: Float?
    /// The estimator that fitted the model.
    public let estimator: String
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from trees with one value per node.
    public init(trees: [DecisionTree], featureCount: Int, outOfBagScore: Float? = nil,
                estimator: String = RandomForestRegressor.name, hyperParameters: [String: String] = [:]) {
        require(!trees.isEmpty && trees.allSatisfy { $0.valueWidth == 1 }, "ForestRegressionModel: needs trees with one value per node")
        self.trees = trees
        self.featureCount = featureCount
        self.outOfBagScore = outOfBagScore
        self.estimator = estimator
        self.hyperParameters = hyperParameters
    }

    public func predict(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "\(estimator): x has shape \(x.shape), expected [count, \(featureCount)]")
        let scale = 1 / Float(trees.count)
        return Tensor(summedLeafValues(trees, x, width: 1).map { $0 * scale })
    }

    /// The mean of the trees' impurity-based importances, normalised to sum to 1 (as scikit-learn).
    public var featureImportances: Tensor { Tensor(meanImportances(trees, featureCount: featureCount).map { Float($0) }) }

    public static let archiveKind = "forest-regressor"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(archiveTensors: concatenatedTrees(trees), estimator: estimator, hyperParameters: hyperParameters)
        archive.metadata["features"] = "\(featureCount)"
        if let outOfBagScore { archive.metadata["oob_score"] = "\(outOfBagScore)" }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        guard let features = Int(try archive.value("features", for: kind)), features > 0 else {
            throw .invalidModelFile(expected: kind, reason: "bad feature count")
        }
        let trees = try splitTrees(archive, kind: kind, featureCount: features)
        guard trees.allSatisfy({ $0.valueWidth == 1 }) else { throw .invalidModelFile(expected: kind, reason: "trees need one value per node") }
        self.init(trees: trees, featureCount: features, outOfBagScore: archive.metadata["oob_score"].flatMap { Float($0) },
                  estimator: archive.metadata["estimator"] ?? RandomForestRegressor.name, hyperParameters: archive.hyperParameters)
    }
}

/// scikit-learn's forest `feature_importances_`: the mean over trees with a split, renormalised.
func meanImportances(_ trees: [DecisionTree], featureCount: Int) -> [Double] {
    var sum = Array(repeating: 0.0, count: featureCount)
    for tree in trees where tree.nodeCount > 1 {
        for (f, v) in tree.featureImportances(featureCount: featureCount).enumerated() { sum[f] += v }
    }
    let total = sum.reduce(0, +)
    return total > 0 ? sum.map { $0 / total } : sum
}

/// The trees' arrays end to end, with `node_offsets` — the tensors of ``DecisionTree/tensors(prefix:)`` of the
/// trees joined, each filled tree by tree straight into the archive's `Float` arrays (no joined copy of the
/// forest's arrays and no intermediate `Tensor` is held while they are built).
func concatenatedTrees(_ trees: [DecisionTree]) -> [String: SafetensorsTensor] {
    var offsets = [0]
    for tree in trees { offsets.append(offsets.last! + tree.nodeCount) }
    let total = offsets.last!, width = trees[0].valueWidth
    func joined<T>(_ array: KeyPath<DecisionTree, [T]>, shape: [Int], _ float: (T) -> Float) -> SafetensorsTensor {
        let perNode = shape.count == 2 ? shape[1] : 1
        var scalars = [Float](repeating: 0, count: total * perNode)
        for (tree, start) in zip(trees, offsets) {
            for (i, v) in tree[keyPath: array].enumerated() { scalars[start * perNode + i] = float(v) }
        }
        return SafetensorsTensor(shape: shape, scalars: scalars)
    }
    func ints(_ array: KeyPath<DecisionTree, [Int]>) -> SafetensorsTensor { joined(array, shape: [total]) { Float($0) } }
    func floats(_ array: KeyPath<DecisionTree, [Float]>, shape: [Int]) -> SafetensorsTensor { joined(array, shape: shape) { $0 } }
    return ["feature": ints(\.feature), "threshold": floats(\.threshold, shape: [total]), "left": ints(\.left),
            "right": ints(\.right), "value": floats(\.value, shape: [total, width]), "impurity": floats(\.impurity, shape: [total]),
            "samples": ints(\.samples), "weighted_samples": floats(\.weightedSamples, shape: [total]),
            "node_offsets": SafetensorsTensor(shape: [offsets.count], scalars: offsets.map { Float($0) })]
}

/// The trees of a file written with ``concatenatedTrees(_:)``.
func splitTrees(_ archive: SafetensorsArchive, kind: String, featureCount: Int) throws(ClassicError) -> [DecisionTree] {
    let offsets = try archive.tensor("node_offsets", for: kind).scalars.map { Int($0) }
    var parts = SafetensorsArchive()
    var trees: [DecisionTree] = []
    guard offsets.count >= 2, offsets.first == 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
        throw .invalidModelFile(expected: kind, reason: "bad node_offsets")
    }
    let names = ["feature", "threshold", "left", "right", "impurity", "samples", "weighted_samples", "value"]
    var all: [String: Tensor] = [:]
    for name in names { all[name] = try archive.tensor(name, for: kind) }
    let width = all["value"]!.rank == 2 ? all["value"]!.shape[1] : 0
    guard all["feature"]!.shape == [offsets.last!], width > 0 else { throw .invalidModelFile(expected: kind, reason: "node_offsets do not fit the arrays") }
    for t in 0..<(offsets.count - 1) {
        let range = offsets[t]..<offsets[t + 1]
        for name in names {
            let source = all[name]!
            let part = name == "value" ? Tensor(shape: [range.count, width], scalars: Array(source.scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
                : Tensor(Array(source.scalars[range]))
            parts.tensors[name] = SafetensorsTensor(part)
        }
        trees.append(try DecisionTree(archive: parts, kind: kind, featureCount: featureCount))
    }
    return trees
}
