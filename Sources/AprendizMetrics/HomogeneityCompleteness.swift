import AprendizTensor

/// Homogeneity, completeness and V-measure of a clustering against true classes (chapter 17;
/// Rosenberg & Hirschberg 2007; scikit-learn's `homogeneity_completeness_v_measure`).
///
/// ```
/// homogeneity  h = MI(C, K) / H(C)       (1 when H(C) = 0): each cluster holds one class
/// completeness c = MI(C, K) / H(K)       (1 when H(K) = 0): each class lies in one cluster
/// V-measure      = (1 + β)·h·c / (β·h + c),   β = 1   (0 when h + c = 0)
/// ```
public struct HomogeneityCompleteness: Equatable, Sendable {
    /// MI(C, K) / H(C), in [0, 1].
    public let homogeneity: Double
    /// MI(C, K) / H(K), in [0, 1].
    public let completeness: Double
    /// The weighted harmonic mean of homogeneity and completeness.
    public let vMeasure: Double

    /// The three scores of `predicted` clusters against `truth` classes; `beta` weighs homogeneity
    /// (default 1).
    public init(true truth: [Int], predicted: [Int], beta: Double = 1) {
        let table = ContingencyTable(true: truth, predicted: predicted)
        let mi = mutualInformation(table)
        let hC = labelEntropy(table.classSizes), hK = labelEntropy(table.clusterSizes)
        homogeneity = hC == 0 ? 1 : mi / hC
        completeness = hK == 0 ? 1 : mi / hK
        vMeasure = homogeneity + completeness == 0 ? 0
            : (1 + beta) * homogeneity * completeness / (beta * homogeneity + completeness)
    }
}
