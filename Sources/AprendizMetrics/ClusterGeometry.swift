import AprendizTensor

/// The rows of a `[count, features]` tensor in `Double` with dense cluster indices, for the internal
/// clustering scores (silhouette, Davies–Bouldin, Calinski–Harabasz).
struct LabelledRows {
    let count: Int
    let columns: Int
    let values: [Double]
    /// Each row's cluster index 0 … clusterCount − 1 (labels in ascending order).
    let clusters: [Int]
    let clusterCount: Int

    init(_ x: Tensor, _ labels: [Int], _ operation: String) {
        require(x.rank == 2, "\(operation): expects rows of shape [count, features], got \(x.shape)")
        require(x.shape[0] == labels.count, "\(operation): x has shape \(x.shape) but there are \(labels.count) labels")
        let distinct = Set(labels).sorted()
        require(distinct.count >= 2 && distinct.count < labels.count,
                "\(operation): needs 2 ≤ clusters ≤ rows − 1, got \(distinct.count) clusters for \(labels.count) rows")
        let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        (count, columns, values) = (x.shape[0], x.shape[1], x.scalars.map { Double($0) })
        (clusters, clusterCount) = (labels.map { index[$0]! }, distinct.count)
    }

    func distance(_ i: Int, _ j: Int) -> Double {
        var sum = 0.0
        for f in 0..<columns { let d = values[i * columns + f] - values[j * columns + f]; sum += d * d }
        return sum.squareRoot()
    }

    /// The mean of each cluster (row-major `clusterCount × columns`) and the cluster sizes.
    func centroids() -> (centroids: [Double], sizes: [Int]) {
        var sums = [Double](repeating: 0, count: clusterCount * columns), sizes = [Int](repeating: 0, count: clusterCount)
        for i in 0..<count {
            sizes[clusters[i]] += 1
            for f in 0..<columns { sums[clusters[i] * columns + f] += values[i * columns + f] }
        }
        for k in 0..<clusterCount { for f in 0..<columns { sums[k * columns + f] /= Double(sizes[k]) } }
        return (sums, sizes)
    }
}
