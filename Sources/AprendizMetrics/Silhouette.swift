import AprendizTensor

/// The silhouette coefficient of each row (chapter 17; Rousseeuw 1987; scikit-learn's
/// `silhouette_samples`, Euclidean distance).
///
/// ```
/// a(i) = mean distance from xᵢ to the other rows of its cluster
/// b(i) = min over other clusters of the mean distance from xᵢ to their rows
/// s(i) = (b(i) − a(i)) / max(a(i), b(i))        (0 for a cluster of one row)
/// ```
/// Needs 2 ≤ clusters ≤ rows − 1. O(n²) distances.
public func silhouetteSamples(_ x: Tensor, labels: [Int]) -> [Double] {
    let rows = LabelledRows(x, labels, "silhouetteSamples")
    let (n, k) = (rows.count, rows.clusterCount)
    var sizes = [Int](repeating: 0, count: k)
    for c in rows.clusters { sizes[c] += 1 }
    return (0..<n).map { i in
        var sums = [Double](repeating: 0, count: k)
        for j in 0..<n where j != i { sums[rows.clusters[j]] += rows.distance(i, j) }
        let own = rows.clusters[i]
        guard sizes[own] > 1 else { return 0 }
        let a = sums[own] / Double(sizes[own] - 1)
        let b = (0..<k).filter { $0 != own }.map { sums[$0] / Double(sizes[$0]) }.min()!
        return (b - a) / max(a, b)
    }
}

/// The mean silhouette coefficient over all rows (scikit-learn's `silhouette_score`), in [−1, 1]:
/// higher means tighter, better separated clusters.
public func silhouetteScore(_ x: Tensor, labels: [Int]) -> Double {
    let samples = silhouetteSamples(x, labels: labels)
    return samples.reduce(0, +) / Double(samples.count)
}
