import AprendizTensor

/// The Davies–Bouldin index (chapter 17; Davies & Bouldin 1979; scikit-learn's `davies_bouldin_score`):
/// lower means better separated clusters, 0 is the minimum.
///
/// ```
/// sₖ   = mean distance of cluster k's rows to its centroid cₖ
/// DB   = (1/K) Σₖ max_{l ≠ k} (sₖ + sₗ) / ‖cₖ − cₗ‖
/// ```
/// 0 when every sₖ or every centroid distance is zero. Needs 2 ≤ clusters ≤ rows − 1.
public func daviesBouldinScore(_ x: Tensor, labels: [Int]) -> Double {
    let rows = LabelledRows(x, labels, "daviesBouldinScore")
    let (k, p) = (rows.clusterCount, rows.columns)
    let (centroids, sizes) = rows.centroids()
    func centroidDistance(_ a: Int, _ b: Int) -> Double {
        var sum = 0.0
        for f in 0..<p { let d = centroids[a * p + f] - centroids[b * p + f]; sum += d * d }
        return sum.squareRoot()
    }
    var spread = [Double](repeating: 0, count: k)
    for i in 0..<rows.count {
        let c = rows.clusters[i]
        var sum = 0.0
        for f in 0..<p { let d = rows.values[i * p + f] - centroids[c * p + f]; sum += d * d }
        spread[c] += sum.squareRoot() / Double(sizes[c])
    }
    let separations = (0..<k).flatMap { a in (0..<k).filter { $0 != a }.map { centroidDistance(a, $0) } }
    if spread.allSatisfy({ abs($0) < 1e-8 }) || separations.allSatisfy({ abs($0) < 1e-8 }) { return 0 }
    let scores = (0..<k).map { a in
        (0..<k).filter { $0 != a }.map { b in
            let d = centroidDistance(a, b)
            return d == 0 ? 0 : (spread[a] + spread[b]) / d
        }.max()!
    }
    return scores.reduce(0, +) / Double(k)
}
