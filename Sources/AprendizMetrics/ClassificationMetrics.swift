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
