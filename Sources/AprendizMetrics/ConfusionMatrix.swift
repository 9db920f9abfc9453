import AprendizTensor

/// Counts of (true class, predicted class) pairs, with the per-class and averaged scores derived from
/// them (scikit-learn's `confusion_matrix`, `precision_recall_fscore_support`, `balanced_accuracy_score`).
///
/// ```
/// counts[t][p] = #{i : yᵢ = t, ŷᵢ = p}          (rows: true class, columns: predicted)
/// precision_c = TP_c / (TP_c + FP_c)   recall_c = TP_c / (TP_c + FN_c)   F1_c = 2PR / (P + R)
/// macro = mean over classes;  weighted = Σ_c support_c · score_c / n;  micro = the score of the pooled counts
/// balanced accuracy = macro recall (over the classes that occur in the true labels)
/// ```
/// A ratio whose denominator is 0 is 0 (scikit-learn's `zero_division=0`). Micro precision, recall and
/// F1 of a single-label problem all equal the accuracy.
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[true][predicted]`, classes in the order of ``labels``.
    public let counts: [[Int]]
    /// The class label of each row and column (0…K−1 unless built from labels).
    public let labels: [Int]

    /// From predicted and true class indices in 0..<classCount.
    public init(predicted: [Int], actual: [Int], classCount: Int) {
        self.init(predicted: predicted, actual: actual, labels: Array(0..<classCount))
    }

    /// From predicted and true labels (any integers); `labels` orders the rows and columns and defaults
    /// to the sorted distinct values of both (scikit-learn's `labels=None`).
    public init(predicted: [Int], actual: [Int], labels: [Int]? = nil) {
        require(predicted.count == actual.count, "ConfusionMatrix: \(predicted.count) predictions for \(actual.count) labels")
        let labels = labels ?? Array(Set(predicted).union(actual)).sorted()
        let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        for (p, t) in zip(predicted, actual) {
            require(position[t] != nil && position[p] != nil,
                    "ConfusionMatrix: class \(position[t] == nil ? t : p) is not among the labels \(labels)")
            let row = position[t]!, column = position[p]!
            counts[row][column] += 1
        }
        self.counts = counts
        self.labels = labels
    }

    /// From scores `[count, classes]` and labels `[count]` (class indices).
    public init(scores: Tensor, labels: Tensor) {
        let classes = scores.shape.last ?? 0
        self.init(predicted: predictedClasses(scores), actual: classIndices(labels, classCount: classes, in: "ConfusionMatrix"),
                  classCount: classes)
    }

    /// The number of classes.
    public var classCount: Int { counts.count }
    /// The number of examples.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    private func truePositives(_ c: Int) -> Int { counts[c][c] }
    private func predictedCount(_ c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }
    /// The number of examples of each true class (scikit-learn's `support`).
    public var support: [Int] { counts.map { $0.reduce(0, +) } }

    /// Precision of each class.
    public var precision: [Float] { (0..<classCount).map { ratio(truePositives($0), predictedCount($0)) } }
    /// Recall of each class.
    public var recall: [Float] { (0..<classCount).map { ratio(truePositives($0), support[$0]) } }
    /// F1 of each class.
    public var f1: [Float] { zip(precision, recall).map(harmonicMean) }

    /// Macro-averaged precision.
    public var macroPrecision: Float { precision(average: .macro) }
    /// Macro-averaged recall.
    public var macroRecall: Float { recall(average: .macro) }
    /// Macro-averaged F1 (the mean of the per-class F1 scores).
    public var macroF1: Float { f1(average: .macro) }

    /// The fraction of examples on the diagonal.
    public var accuracy: Float { ratio((0..<classCount).map(truePositives).reduce(0, +), total) }
    /// The mean recall over the classes present in the true labels.
    public var balancedAccuracy: Float {
        let present = (0..<classCount).filter { support[$0] > 0 }
        return present.isEmpty ? 0 : present.map { recall[$0] }.reduce(0, +) / Float(present.count)
    }

    /// Precision averaged over classes.
    public func precision(average: MetricAverage) -> Float { averaged(precision, average) }
    /// Recall averaged over classes.
    public func recall(average: MetricAverage) -> Float { averaged(recall, average) }
    /// F1 averaged over classes (micro: the F1 of micro precision and recall).
    public func f1(average: MetricAverage) -> Float {
        average == .micro ? harmonicMean(precision(average: .micro), recall(average: .micro)) : averaged(f1, average)
    }

    private func averaged(_ perClass: [Float], _ average: MetricAverage) -> Float {
        switch average {
        case .macro: return perClass.isEmpty ? 0 : perClass.reduce(0, +) / Float(perClass.count)
        case .weighted:
            let n = Float(total)
            return n == 0 ? 0 : zip(perClass, support).map { $0 * Float($1) }.reduce(0, +) / n
        case .micro: return accuracy
        }
    }

    private func ratio(_ a: Int, _ b: Int) -> Float { b == 0 ? 0 : Float(a) / Float(b) }
    private func harmonicMean(_ p: Float, _ r: Float) -> Float { p + r == 0 ? 0 : 2 * p * r / (p + r) }
}
