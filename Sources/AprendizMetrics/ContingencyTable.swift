import AprendizTensor
import Foundation

/// The co-occurrence counts of two labelings of the same items (scikit-learn's `contingency_matrix`):
/// nᵢⱼ = #{items with true class i and cluster j}, classes and clusters in ascending label order.
/// Labels are any integers (−1 for noise is an ordinary label here).
public struct ContingencyTable: Equatable, Sendable {
    /// nᵢⱼ, row-major `classes × clusters`.
    public let counts: [Int]
    /// The number of distinct true classes.
    public let classCount: Int
    /// The number of distinct clusters.
    public let clusterCount: Int

    /// Counts the pairs (trueᵢ, predictedᵢ).
    public init(true truth: [Int], predicted: [Int]) {
        require(truth.count == predicted.count, "ContingencyTable: \(truth.count) true labels for \(predicted.count) predicted")
        let classes = Dictionary(uniqueKeysWithValues: Set(truth).sorted().enumerated().map { ($1, $0) })
        let clusters = Dictionary(uniqueKeysWithValues: Set(predicted).sorted().enumerated().map { ($1, $0) })
        var counts = [Int](repeating: 0, count: classes.count * clusters.count)
        for (t, p) in zip(truth, predicted) { counts[classes[t]! * clusters.count + clusters[p]!] += 1 }
        (self.counts, classCount, clusterCount) = (counts, classes.count, clusters.count)
    }

    /// The number of items N.
    public var total: Int { counts.reduce(0, +) }
    /// aᵢ = Σⱼ nᵢⱼ, the size of each class.
    public var classSizes: [Int] { (0..<classCount).map { i in (0..<clusterCount).reduce(0) { $0 + counts[i * clusterCount + $1] } } }
    /// bⱼ = Σᵢ nᵢⱼ, the size of each cluster.
    public var clusterSizes: [Int] { (0..<clusterCount).map { j in (0..<classCount).reduce(0) { $0 + counts[$1 * clusterCount + j] } } }
}

/// The Shannon entropy of a labeling in nats, −Σ (nₖ/N)·ln(nₖ/N) (scikit-learn's `entropy`).
func labelEntropy(_ sizes: [Int]) -> Double {
    let total = Double(sizes.reduce(0, +))
    guard total > 0 else { return 1 }
    return -sizes.filter { $0 > 0 }.reduce(0) { $0 + Double($1) / total * log(Double($1) / total) }
}
