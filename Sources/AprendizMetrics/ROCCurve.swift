import AprendizTensor

/// The receiver operating characteristic of a binary scorer (scikit-learn's `roc_curve` with
/// `drop_intermediate=True`, and `roc_auc_score`).
///
/// ```
/// for each distinct threshold t (scores sorted from high to low):
///   TPR(t) = #{yᵢ = 1, sᵢ ≥ t} / #{yᵢ = 1}      FPR(t) = #{yᵢ = 0, sᵢ ≥ t} / #{yᵢ = 0}
/// AUC = ∫ TPR d(FPR)   (trapezoids; equals P(s⁺ > s⁻) + ½ P(s⁺ = s⁻))
/// ```
/// The curve starts at (0, 0) with threshold +∞; points on a straight segment are dropped, as in
/// scikit-learn, so the arrays match its output element for element.
public struct ROCCurve: Sendable, Equatable {
    /// False-positive rates, increasing.
    public let falsePositiveRates: [Double]
    /// True-positive rates, increasing.
    public let truePositiveRates: [Double]
    /// The decision threshold of each point (decreasing; the first is +∞).
    public let thresholds: [Double]

    /// The curve of `scores` (higher means more likely positive) against `positives`.
    /// - Precondition: both classes occur.
    public init(scores: [Double], positives: [Bool]) {
        require(scores.count == positives.count, "ROCCurve: \(scores.count) scores for \(positives.count) labels")
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tps: [Double] = [], fps: [Double] = [], cuts: [Double] = []
        var tp = 0.0, fp = 0.0
        for (k, i) in order.enumerated() {
            if positives[i] { tp += 1 } else { fp += 1 }
            if k == order.count - 1 || scores[order[k + 1]] != scores[i] {
                tps.append(tp); fps.append(fp); cuts.append(scores[i])
            }
        }
        require(tp > 0 && fp > 0, "ROCCurve: needs both positive and negative examples (\(Int(tp)) positive, \(Int(fp)) negative)")
        // Keep the end points and every corner (scikit-learn: second differences of both rates non-zero).
        var keep = [0]
        if tps.count > 2 {
            for k in 1..<(tps.count - 1) where (fps[k - 1] - 2 * fps[k] + fps[k + 1]) != 0 || (tps[k - 1] - 2 * tps[k] + tps[k + 1]) != 0 {
                keep.append(k)
            }
        }
        if tps.count > 1 { keep.append(tps.count - 1) }
        falsePositiveRates = [0] + keep.map { fps[$0] / fp }
        truePositiveRates = [0] + keep.map { tps[$0] / tp }
        thresholds = [.infinity] + keep.map { cuts[$0] }
    }

    /// The area under the curve (trapezoidal rule).
    public var area: Double {
        var sum = 0.0
        for k in 1..<falsePositiveRates.count {
            let width = falsePositiveRates[k] - falsePositiveRates[k - 1]
            sum += width * (truePositiveRates[k] + truePositiveRates[k - 1]) / 2
        }
        return sum
    }
}

/// Area under the ROC curve of a binary problem (scikit-learn's `roc_auc_score`).
public func rocAUC(scores: [Double], positives: [Bool]) -> Double {
    ROCCurve(scores: scores, positives: positives).area
}

/// One-vs-rest ROC AUC of a multi-class problem, macro-averaged (scikit-learn's
/// `roc_auc_score(y, P, multi_class="ovr", average="macro")`):
/// ```
/// AUC = (1/K) Σ_k AUC(P[:, k], y = k)
/// ```
/// - Parameters: probabilities `[count][classes]` (column k for class k); labels class indices.
public func rocAUCOneVsRest(probabilities: [[Double]], labels: [Int]) -> Double {
    require(probabilities.count == labels.count, "rocAUCOneVsRest: \(probabilities.count) rows for \(labels.count) labels")
    let classes = probabilities.first?.count ?? 0
    let areas = (0..<classes).map { k in rocAUC(scores: probabilities.map { $0[k] }, positives: labels.map { $0 == k }) }
    return areas.reduce(0, +) / Double(classes)
}
