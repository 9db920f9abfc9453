import AprendizTensor

/// The predicted class of each row of `scores` (`[count, classes]`: logits or probabilities):
/// argmaxₖ scoresᵢₖ, the first maximum on ties. Shape `[count]`.
public func predictedClasses(_ scores: Tensor) -> [Int] {
    require(scores.rank == 2, "predictedClasses: expects scores of shape [count, classes], got \(scores.shape)")
    return scores.argmax(axis: 1).scalars.map { Int($0) }
}

/// The class indices in a `[count]` label tensor.
func classIndices(_ labels: Tensor, classCount: Int? = nil, in operation: String) -> [Int] {
    require(labels.rank == 1, "\(operation): labels must have shape [count], got \(labels.shape)")
    return labels.scalars.map { label in
        let k = Int(label)
        require(Float(k) == label && k >= 0 && k < (classCount ?? Int.max),
                     "\(operation): label \(label) is not a class index")
        return k
    }
}

/// The fraction of examples whose highest score is at the true class (scikit-learn's `accuracy_score`):
/// ```
/// accuracy = (1/n) Σᵢ [argmaxₖ sᵢₖ = yᵢ]
/// ```
/// - Parameters: scores `[count, classes]`; labels `[count]` class indices.
public func accuracy(scores: Tensor, labels: Tensor) -> Float {
    let predicted = predictedClasses(scores), actual = classIndices(labels, in: "accuracy")
    require(predicted.count == actual.count, "accuracy: \(predicted.count) predictions for \(actual.count) labels")
    guard !actual.isEmpty else { return 0 }
    return Float(zip(predicted, actual).filter { $0 == $1 }.count) / Float(actual.count)
}

/// The fraction of examples whose true class is among the k highest scores (scikit-learn's
/// `top_k_accuracy_score`; ties broken towards the lower class index):
/// ```
/// top-k accuracy = (1/n) Σᵢ [#{k′ : sᵢₖ′ > sᵢ,yᵢ} < k]
/// ```
public func topKAccuracy(scores: Tensor, labels: Tensor, k: Int) -> Float {
    require(scores.rank == 2 && k >= 1, "topKAccuracy: invalid k \(k) or scores shape \(scores.shape)")
    let classes = scores.shape[1], actual = classIndices(labels, classCount: classes, in: "topKAccuracy")
    require(scores.shape[0] == actual.count, "topKAccuracy: \(scores.shape[0]) rows for \(actual.count) labels")
    guard !actual.isEmpty else { return 0 }
    let hits = scores.withUnsafeBufferPointer { s in
        actual.enumerated().filter { i, y in
            let row = s[(i * classes)..<((i + 1) * classes)], target = s[i * classes + y]
            let better = row.enumerated().filter { j, v in v > target || (v == target && j < y) }.count
            return better < k
        }.count
    }
    return Float(hits) / Float(actual.count)
}

/// Counts of (true class, predicted class) pairs, with the per-class scores derived from them
/// (scikit-learn's `confusion_matrix`, `precision_recall_fscore_support`).
///
/// ```
/// counts[t][p] = #{i : yᵢ = t, ŷᵢ = p}          (rows: true class, columns: predicted)
/// precision_c = TP_c / (TP_c + FP_c)   recall_c = TP_c / (TP_c + FN_c)   F1_c = 2PR / (P + R)
/// macro average = unweighted mean over classes
/// ```
/// A ratio whose denominator is 0 is 0 (scikit-learn's `zero_division=0`).
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[true][predicted]`.
    public let counts: [[Int]]

    /// From predicted and true class indices.
    public init(predicted: [Int], actual: [Int], classCount: Int) {
        require(predicted.count == actual.count, "ConfusionMatrix: \(predicted.count) predictions for \(actual.count) labels")
        var counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
        for (p, t) in zip(predicted, actual) {
            require((0..<classCount).contains(p) && (0..<classCount).contains(t),
                         "ConfusionMatrix: class \(max(p, t)) is outside 0..<\(classCount)")
            counts[t][p] += 1
        }
        self.counts = counts
    }

    /// From scores `[count, classes]` and labels `[count]`.
    public init(scores: Tensor, labels: Tensor) {
        let classes = scores.shape.last ?? 0
        self.init(predicted: predictedClasses(scores), actual: classIndices(labels, classCount: classes, in: "ConfusionMatrix"),
                  classCount: classes)
    }

    /// The number of classes.
    public var classCount: Int { counts.count }

    private func truePositives(_ c: Int) -> Int { counts[c][c] }
    private func predictedCount(_ c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }
    private func actualCount(_ c: Int) -> Int { counts[c].reduce(0, +) }

    /// Precision of each class.
    public var precision: [Float] { (0..<classCount).map { ratio(truePositives($0), predictedCount($0)) } }
    /// Recall of each class.
    public var recall: [Float] { (0..<classCount).map { ratio(truePositives($0), actualCount($0)) } }
    /// F1 of each class.
    public var f1: [Float] {
        zip(precision, recall).map { p, r in p + r == 0 ? 0 : 2 * p * r / (p + r) }
    }
    /// Macro-averaged precision.
    public var macroPrecision: Float { average(precision) }
    /// Macro-averaged recall.
    public var macroRecall: Float { average(recall) }
    /// Macro-averaged F1 (the mean of the per-class F1 scores).
    public var macroF1: Float { average(f1) }

    private func ratio(_ a: Int, _ b: Int) -> Float { b == 0 ? 0 : Float(a) / Float(b) }
    private func average(_ values: [Float]) -> Float { values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count) }
}
