import AprendizData
import AprendizTensor
import Foundation

/// AdaBoost with the multi-class SAMME weights (book §15; Zhu, Zou, Rosset & Hastie 2009; scikit-learn ≥ 1.4's
/// `AdaBoostClassifier`) over depth-1 CART trees (``DecisionTreeClassifier`` with `maxDepth = 1`, Gini, sample weights):
/// ```
/// wᵢ = 1/n;  for m = 1 … M:
///     h_m = depth-1 tree fitted with weights w;   err_m = Σ wᵢ[h_m(xᵢ) ≠ yᵢ] / Σ wᵢ
///     stop if err_m = 0 (h_m kept with α = 1) or err_m ≥ 1 − 1/K (h_m dropped)
///     α_m = ν·(log((1 − err_m)/err_m) + log(K − 1));   wᵢ ← wᵢ·e^{α_m[h_m(xᵢ) ≠ yᵢ]}, normalised
/// f_k(x) = Σ_m α_m·([h_m(x) = k] − [h_m(x) ≠ k]/(K − 1)) / Σ α;   P = softmax(f/(K − 1))
/// ```
/// (two classes: f = f₂ − f₁ and P = softmax([−f, f]/2)). Defaults: 50 estimators, learning rate ν = 1.
public struct AdaBoostClassifier: Estimator, Equatable, Codable {
    public static let name = "AdaBoostClassifier"
    /// M ≥ 1, the largest number of stumps.
    public var estimators: Int
    /// ν > 0.
    public var learningRate: Double

    /// Validates and stores the hyper-parameters.
    public init(estimators: Int = 50, learningRate: Double = 1) throws(ClassicError) {
        self.estimators = estimators
        self.learningRate = learningRate
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkHyperParameter(estimators >= 1, Self.name, "estimators", estimators, "≥ 1")
        try checkHyperParameter(learningRate > 0 && learningRate.isFinite, Self.name, "learningRate", learningRate, "> 0")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> AdaBoostModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let (n, d, K) = (x.shape[0], x.shape[1], labels.classes.count)
        let data = try TreeTrainingData(x, y, weights: nil, classIndices: labels.indices, estimator: Self.name)
        let stumpParameters = TreeParameters(maxDepth: 1)
        let growth = stumpParameters.growth(featureCount: d, seed: stumpParameters.seed)
        var weights = [Double](repeating: 1 / Double(n), count: n)
        var stumps: [Stump] = [], alphas: [Double] = []
        x.withUnsafeBufferPointer { x in
            for m in 0..<estimators {
                weights = weights.map { max($0, Double.ulpOfOne) }
                let stump = Stump(data.grownTree(classification: .gini, regression: nil, classCount: K, parameters: stumpParameters,
                                                 growth: growth, weights: weights))
                let wrong = (0..<n).map { stump.predict(x.baseAddress! + $0 * d) != labels.indices[$0] }
                let total = weights.reduce(0, +)
                let error = zip(weights, wrong).reduce(0) { $0 + ($1.1 ? $1.0 : 0) } / total
                if error <= 0 { stumps.append(stump); alphas.append(1); break }
                if error >= 1 - 1 / Double(K) { break }
                let alpha = learningRate * (log((1 - error) / error) + log(Double(K) - 1))
                stumps.append(stump); alphas.append(alpha)
                if m < estimators - 1 {
                    for i in 0..<n where wrong[i] { weights[i] = exp(log(weights[i]) + alpha) }
                    let sum = weights.reduce(0, +)
                    guard sum.isFinite, sum > 0 else { break }
                    weights = weights.map { $0 / sum }
                }
            }
        }
        guard !stumps.isEmpty else {
            throw .invalidData(estimator: Self.name, reason: "the first stump is no better than chance; the ensemble cannot be fitted")
        }
        return AdaBoostModel(features: stumps.map(\.feature), thresholds: stumps.map { floatAtMost($0.threshold) },
                             leftClasses: stumps.map(\.leftClass), rightClasses: stumps.map(\.rightClass),
                             weights: alphas.map(Float.init), classes: labels.classes, featureCount: d,
                             hyperParameters: ["estimators": "\(estimators)", "learningRate": "\(learningRate)"])
    }

    /// The root split of a depth-1 CART tree and the heaviest class of each side (the lowest class index on a tie, as
    /// NumPy's `argmax`); feature −1 when the root stayed a leaf.
    private struct Stump {
        var feature = -1, threshold = 0.0, leftClass = 0, rightClass = 0

        init(_ tree: GrownTree) {
            func heaviest(_ node: Int) -> Int {
                let value = tree.values[(node * tree.valueWidth)..<((node + 1) * tree.valueWidth)]
                return value.indices.reduce(value.startIndex) { value[$1] > value[$0] ? $1 : $0 } - value.startIndex
            }
            guard tree.feature[0] >= 0 else {
                leftClass = heaviest(0); rightClass = leftClass
                return
            }
            feature = tree.feature[0]; threshold = tree.threshold[0]
            leftClass = heaviest(tree.left[0]); rightClass = heaviest(tree.right[0])
        }

        /// The class index predicted for `row` (x ≤ threshold goes left).
        func predict(_ row: UnsafePointer<Float>) -> Int {
            feature < 0 || Double(row[feature]) <= threshold ? leftClass : rightClass
        }
    }
}

/// A fitted ``AdaBoostClassifier``: stumps as flat arrays (feature −1 = a single leaf; x ≤ threshold goes
/// left) and their SAMME weights α. Saved as those arrays with the classes in the metadata.
public struct AdaBoostModel: ClassificationModel, ArchivableModel, Equatable {
    /// Per stump: split feature, threshold (the largest `Float` ≤ the midpoint), class index of each side, α.
    public let features: [Int], thresholds: [Float], leftClasses: [Int], rightClasses: [Int], weights: [Float]
    /// The sorted class labels.
    public let classes: [Int]
    /// The number of features the model was fitted on.
    public let featureCount: Int
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its stumps; all arrays the same length.
    public init(features: [Int], thresholds: [Float], leftClasses: [Int], rightClasses: [Int], weights: [Float],
                classes: [Int], featureCount: Int, hyperParameters: [String: String] = [:]) {
        require([thresholds.count, leftClasses.count, rightClasses.count, weights.count].allSatisfy { $0 == features.count } && classes.count >= 2,
                "AdaBoostModel: \(features.count) features, \(thresholds.count) thresholds, \(weights.count) weights for \(classes.count) classes")
        self.features = features; self.thresholds = thresholds; self.leftClasses = leftClasses
        self.rightClasses = rightClasses; self.weights = weights; self.classes = classes
        self.featureCount = featureCount; self.hyperParameters = hyperParameters
    }

    /// SAMME's f(x): `[count]` for two classes (f₂ − f₁), else `[count, K]` (scikit-learn's `decision_function`).
    public func decisionFunction(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "AdaBoostModel: x has shape \(x.shape), expected [count, \(featureCount)]")
        let n = x.shape[0], K = classes.count, total = weights.reduce(0) { $0 + Double($1) }
        var f = [Double](repeating: 0, count: n * K)
        let values = x.scalars
        for i in 0..<n {
            for m in features.indices {
                let j = features[m]
                let predicted = j < 0 || values[i * featureCount + j] <= thresholds[m] ? leftClasses[m] : rightClasses[m]
                let vote = Double(weights[m]), against = -vote / Double(K - 1)
                for k in 0..<K { f[i * K + k] += k == predicted ? vote : against }
            }
        }
        let scaled = f.map { Float($0 / total) }
        if K == 2 {
            let difference: [Float] = (0..<n).map { (i: Int) -> Float in scaled[i * 2 + 1] - scaled[i * 2] }
            return Tensor(difference)
        }
        return Tensor(shape: [n, K], scalars: scaled)
    }

    /// P = softmax(f/(K − 1)), for two classes softmax([−f, f]/2).
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let f = decisionFunction(x)
        let z = classes.count == 2 ? Tensor.concatenate([-f.reshaped([-1, 1]), f.reshaped([-1, 1])], axis: 1) / 2
                                   : f / Float(classes.count - 1)
        let e = (z - z.max(axis: 1, keepDims: true)).exp()
        return e / e.sum(axis: 1, keepDims: true)
    }

    public static let archiveKind = "adaboost"

    public func archived() -> SafetensorsArchive {
        func floats(_ a: [Int]) -> Tensor { Tensor(shape: [a.count], scalars: a.map(Float.init)) }
        var archive = SafetensorsArchive(
            tensors: ["feature": floats(features), "threshold": Tensor(shape: [thresholds.count], scalars: thresholds),
                      "left_class": floats(leftClasses), "right_class": floats(rightClasses),
                      "weight": Tensor(shape: [weights.count], scalars: weights)],
            estimator: AdaBoostClassifier.name, hyperParameters: hyperParameters)
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        archive.metadata["featureCount"] = "\(featureCount)"
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        func ints(_ name: String) throws(ClassicError) -> [Int] { try archive.tensor(name, for: kind).scalars.map { Int($0) } }
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        let features = try ints("feature"), left = try ints("left_class"), right = try ints("right_class")
        let thresholds = try archive.tensor("threshold", for: kind).scalars, weights = try archive.tensor("weight", for: kind).scalars
        guard let d = Int(try archive.value("featureCount", for: kind)), classes.count >= 2,
              [thresholds.count, left.count, right.count, weights.count].allSatisfy({ $0 == features.count }),
              features.allSatisfy({ $0 < d }), (left + right).allSatisfy({ (0..<classes.count).contains($0) }) else {
            throw .invalidModelFile(expected: kind, reason: "stump arrays do not fit \(classes.count) classes")
        }
        self.init(features: features, thresholds: thresholds, leftClasses: left, rightClasses: right, weights: weights,
                  classes: classes, featureCount: d, hyperParameters: archive.hyperParameters)
    }
}
