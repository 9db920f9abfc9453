/// Weighted absolute error around the weighted median (scikit-learn's `MAE`): each child keeps a Fenwick
/// tree over the ranks of the node's targets holding Σ w and Σ w·y, so moving a sample and finding a
/// child's median and error are O(log n):
/// ```
/// m = weighted median (midpoint when the cumulative weight hits exactly half between two values)
/// AE = (Σ_{y ≥ m} w y − m Σ_{y ≥ m} w) + (m Σ_{y < m} w − Σ_{y < m} w y),   impurity = AE / Σ w
/// ```
final class AbsoluteErrorCriterion: NodeCriterion {
    let valueWidth = 1
    private let targets: UnsafeBufferPointer<Double>
    private let weights: UnsafeBufferPointer<Double>?
    private var sortedValues: [Double] = []
    private var rank: [Int]
    private var left = WeightedFenwickTree(size: 0), right = WeightedFenwickTree(size: 0)
    private(set) var weightedNode = 0.0, weightedLeft = 0.0

    init(targets: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>?) {
        self.targets = targets
        self.weights = weights
        rank = Array(repeating: 0, count: targets.count)
    }

    func startNode(_ samples: UnsafeMutableBufferPointer<Int>) {
        let order = samples.sorted { (targets[$0], $0) < (targets[$1], $1) }
        sortedValues = order.map { targets[$0] }
        for (r, i) in order.enumerated() { rank[i] = r }
        full = WeightedFenwickTree(size: order.count)
        weightedNode = 0
        for i in samples {
            let w = weights?[i] ?? 1
            full.add(rank[i], weight: w, value: targets[i])
            weightedNode += w
        }
        resetLeft()
    }

    /// The whole node's tree.
    private var full = WeightedFenwickTree(size: 0)

    func resetLeft() {
        right = full
        left = WeightedFenwickTree(size: sortedValues.count)
        weightedLeft = 0
    }

    func moveLeft(_ sample: Int) {
        let w = weights?[sample] ?? 1, y = targets[sample]
        left.add(rank[sample], weight: w, value: y)
        right.add(rank[sample], weight: -w, value: y)
        weightedLeft += w
    }

    func nodeImpurity() -> Double { full.absoluteError(sortedValues).error / weightedNode }

    func childrenImpurity() -> (left: Double, right: Double) {
        (left.absoluteError(sortedValues).error / weightedLeft, right.absoluteError(sortedValues).error / weightedRight)
    }

    func proxyImprovement() -> Double { defaultProxy() }

    func nodeValue(_ value: UnsafeMutablePointer<Double>) { value[0] = full.absoluteError(sortedValues).median }
}

/// A Fenwick (binary indexed) tree of (Σ w, Σ w·y) over ranks 0..<size.
struct WeightedFenwickTree {
    private var weight: [Double], weighted: [Double]
    private(set) var totalWeight = 0.0, totalWeighted = 0.0

    init(size: Int) {
        weight = Array(repeating: 0, count: size + 1)
        weighted = Array(repeating: 0, count: size + 1)
    }

    /// Adds `weight` (negative to remove) of value `value` at `rank`.
    mutating func add(_ rank: Int, weight w: Double, value y: Double) {
        var i = rank + 1
        while i < weight.count {
            weight[i] += w
            weighted[i] += w * y
            i += i & -i
        }
        totalWeight += w
        totalWeighted += w * y
    }

    /// The smallest rank whose cumulative weight is > `target` (`strictly`) or ≥ `target`, with Σ w and
    /// Σ w·y over the ranks before it.
    func search(_ target: Double, strictly: Bool) -> (rank: Int, weight: Double, weighted: Double) {
        var position = 0, w = 0.0, wy = 0.0
        var step = 1
        while step * 2 < weight.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < weight.count {
                let reached = w + weight[next]
                if strictly ? reached <= target : reached < target {
                    position = next
                    w = reached
                    wy += weighted[next]
                }
            }
            step /= 2
        }
        return (position, w, wy)
    }

    /// The weighted median of the values held (ranks index `sortedValues`) and Σ w |y − median|.
    func absoluteError(_ sortedValues: [Double]) -> (median: Double, error: Double) {
        let half = totalWeight / 2
        let upper = search(half, strictly: true), lower = search(half, strictly: false)
        let last = sortedValues.count - 1
        let median = lower.rank == upper.rank ? sortedValues[min(upper.rank, last)]
            : (sortedValues[min(lower.rank, last)] + sortedValues[min(upper.rank, last)]) / 2
        let wRight = totalWeight - upper.weight, wyRight = totalWeighted - upper.weighted
        return (median, (wyRight - median * wRight) + (median * upper.weight - upper.weighted))
    }
}
