import AprendizTensor

/// Removes low-variance features (§16.3; scikit-learn's `VarianceThreshold`): keeps column j when
///
/// ```
/// Var(xⱼ) = (1/n) Σᵢ (xᵢⱼ − x̄ⱼ)² > threshold
/// ```
/// Default threshold 0 (drop constant columns only). Unsupervised.
public struct VarianceThreshold: Transformer, Equatable, Sendable {
    public static let name = "VarianceThreshold"
    /// The variance a kept feature must exceed (default 0).
    public var threshold: Double

    /// Validates and stores the threshold (≥ 0).
    public init(threshold: Double = 0) throws(ClassicError) {
        try checkHyperParameter(threshold >= 0, Self.name, "threshold", threshold, "≥ 0")
        self.threshold = threshold
    }

    public func fit(_ x: Tensor) throws(ClassicError) -> FeatureSelection {
        try InputValidation.features(x, for: Self.name)
        let (n, p) = (x.shape[0], x.shape[1])
        let means = DenseMatrix.columnMeans(of: x)
        var variances = [Double](repeating: 0, count: p)
        x.withUnsafeBufferPointer { v in
            for i in 0..<n { for j in 0..<p { let d = Double(v[i * p + j]) - means[j]; variances[j] += d * d } }
        }
        variances = variances.map { $0 / Double(n) }
        let kept = (0..<p).filter { variances[$0] > threshold }
        guard !kept.isEmpty else {
            throw .invalidData(estimator: Self.name, reason: "no feature has a variance above the threshold \(threshold)")
        }
        return FeatureSelection(featureCount: p, selected: kept, scores: variances)
    }
}
