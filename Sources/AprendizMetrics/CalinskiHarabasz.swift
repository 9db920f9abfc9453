import AprendizTensor

/// The Calinski–Harabasz index, the variance ratio criterion (chapter 17; Caliński & Harabasz 1974;
/// scikit-learn's `calinski_harabasz_score`): higher means denser, better separated clusters.
///
/// ```
/// B = Σₖ nₖ·‖cₖ − x̄‖²          (between-cluster dispersion)
/// W = Σᵢ ‖xᵢ − c_ℓᵢ‖²           (within-cluster dispersion)
/// CH = (B / (K − 1)) / (W / (N − K))      (1 when W = 0)
/// ```
/// Needs 2 ≤ clusters ≤ rows − 1.
public func calinskiHarabaszScore(_ x: Tensor, labels: [Int]) -> Double {
    let rows = LabelledRows(x, labels, "calinskiHarabaszScore")
    let (n, k, p) = (rows.count, rows.clusterCount, rows.columns)
    let (centroids, sizes) = rows.centroids()
    var mean = [Double](repeating: 0, count: p)
    for i in 0..<n { for f in 0..<p { mean[f] += rows.values[i * p + f] / Double(n) } }
    var between = 0.0, within = 0.0
    for c in 0..<k { for f in 0..<p { let d = centroids[c * p + f] - mean[f]; between += Double(sizes[c]) * d * d } }
    for i in 0..<n { for f in 0..<p { let d = rows.values[i * p + f] - centroids[rows.clusters[i] * p + f]; within += d * d } }
    return within == 0 ? 1 : between * Double(n - k) / (within * Double(k - 1))
}
