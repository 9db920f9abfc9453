/// A tree as it grows, in double precision (scikit-learn's `Tree` arrays): node i has children
/// `left[i]`/`right[i]` (−1 for a leaf), splits on `feature[i]` at `threshold[i]` (−2 for a leaf), and
/// carries its impurity, sample count, weighted sample count and value (`valueWidth` numbers).
struct GrownTree: Sendable {
    static let leaf = -1, undefined = -2
    let valueWidth: Int
    var left: [Int] = [], right: [Int] = [], feature: [Int] = [], threshold: [Double] = []
    var impurity: [Double] = [], samples: [Int] = [], weightedSamples: [Double] = [], values: [Double] = []

    var nodeCount: Int { left.count }

    /// Appends a node (a leaf until it is given children) below `parent`; returns its index.
    mutating func addNode(parent: Int?, isLeft: Bool, impurity: Double, samples: Int, weightedSamples: Double,
                          value: UnsafeMutablePointer<Double>) -> Int {
        let id = nodeCount
        if let parent {
            if isLeft { left[parent] = id } else { right[parent] = id }
        }
        left.append(Self.leaf)
        right.append(Self.leaf)
        feature.append(Self.undefined)
        threshold.append(Double(Self.undefined))
        self.impurity.append(impurity)
        self.samples.append(samples)
        self.weightedSamples.append(weightedSamples)
        values.append(contentsOf: UnsafeBufferPointer(start: value, count: valueWidth))
        return id
    }

    /// Makes node `id` an internal node splitting on `feature ≤ threshold` (its children are added next).
    mutating func setSplit(_ id: Int, feature f: Int, threshold t: Double) {
        feature[id] = f
        threshold[id] = t
    }

    /// Makes node `id` a leaf again (best-first growth that ran out of leaves; pruning).
    mutating func makeLeaf(_ id: Int) {
        left[id] = Self.leaf
        right[id] = Self.leaf
        feature[id] = Self.undefined
        threshold[id] = Double(Self.undefined)
    }
}
