import AprendizData
import AprendizTensor

/// A fitted binary decision tree as flat arrays (§13.2; scikit-learn's `tree_`): node i is a leaf when
/// `left[i] == -1`; otherwise a row goes to `left[i]` when `x[feature[i]] ≤ threshold[i]`, else to `right[i]`.
/// Node 0 is the root; nodes are numbered depth-first, left child first.
/// ```
/// leaf:      left = right = −1,  feature = −2,  threshold = −2
/// value[i]:  class fractions (classification, width = classes) or the mean/median (regression, width 1)
/// ```
/// `threshold` is stored as the largest `Float` not above scikit-learn's double-precision midpoint, so a
/// float input compares with it exactly as scikit-learn compares it with the double. These arrays, as F32
/// tensors named `feature`, `threshold`, `left`, `right`, `value` (`[nodes, width]`), `impurity`,
/// `samples` and `weighted_samples`, are what a model file holds (`safetensors.numpy.load_file`).
public struct DecisionTree: Sendable, Equatable {
    /// The split feature of each node (−2 at leaves).
    public let feature: [Int]
    /// The split threshold of each node (−2 at leaves).
    public let threshold: [Float]
    /// The left child of each node (−1 at leaves).
    public let left: [Int]
    /// The right child of each node (−1 at leaves).
    public let right: [Int]
    /// Node values, `nodeCount × valueWidth`, row-major.
    public let value: [Float]
    /// Values per node.
    public let valueWidth: Int
    /// The impurity of each node.
    public let impurity: [Float]
    /// Training samples that reached each node.
    public let samples: [Int]
    /// Their total weight.
    public let weightedSamples: [Float]
    /// (feature, threshold bits, left, right) per node in one 16-byte vector, so that a prediction's walk
    /// touches one cache line per node (derived from the arrays above); a leaf i is (0, 0, i, i), a node that
    /// leads to itself whatever the row.
    private let packed: [SIMD4<Int32>]

    /// A tree from its arrays (all of `nodeCount` entries, `value` of `nodeCount × valueWidth`).
    public init(feature: [Int], threshold: [Float], left: [Int], right: [Int], value: [Float], valueWidth: Int,
                impurity: [Float], samples: [Int], weightedSamples: [Float]) {
        let n = feature.count
        require([threshold.count, left.count, right.count, impurity.count, samples.count, weightedSamples.count].allSatisfy { $0 == n }
                && value.count == n * valueWidth && n > 0, "DecisionTree: arrays of inconsistent lengths")
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value
        self.valueWidth = valueWidth
        self.impurity = impurity
        self.samples = samples
        self.weightedSamples = weightedSamples
        packed = (0..<n).map { i -> SIMD4<Int32> in
            if left[i] == -1 { return SIMD4<Int32>(0, 0, Int32(i), Int32(i)) }
            return SIMD4<Int32>(Int32(feature[i]), Int32(bitPattern: threshold[i].bitPattern), Int32(left[i]), Int32(right[i]))
        }
    }

    init(_ grown: GrownTree) {
        self.init(feature: grown.feature, threshold: grown.threshold.map(floatAtMost),
                  left: grown.left, right: grown.right, value: grown.values.map { Float($0) }, valueWidth: grown.valueWidth,
                  impurity: grown.impurity.map { Float($0) }, samples: grown.samples, weightedSamples: grown.weightedSamples.map { Float($0) })
    }

    /// The number of nodes.
    public var nodeCount: Int { feature.count }
    /// The number of leaves.
    public var leafCount: Int { left.lazy.filter { $0 == -1 }.count }
    /// The length of the longest root-to-leaf path (a lone root has depth 0).
    public var depth: Int {
        var deepest = 0, stack = [(0, 0)]
        while let (node, d) = stack.popLast() {
            deepest = max(deepest, d)
            if left[node] != -1 { stack += [(left[node], d + 1), (right[node], d + 1)] }
        }
        return deepest
    }

    /// The leaf reached by a row (`row[j]` is feature j).
    @inline(__always) func leaf(of row: UnsafePointer<Float>) -> Int {
        packed.withUnsafeBufferPointer { nodes in
            var node = nodes[0]
            var index = 0
            while node[2] != index {
                index = Int(row[Int(node[0])] <= Float(bitPattern: UInt32(bitPattern: node[1])) ? node[2] : node[3])
                node = nodes[index]
            }
            return index
        }
    }

    /// The leaf index each row of `x` (`[count, features]`) ends in (scikit-learn's `apply`).
    public func apply(_ x: Tensor) -> [Int] {
        let width = x.shape[1]
        return x.withUnsafeBufferPointer { rows in (0..<x.shape[0]).map { leaf(of: rows.baseAddress! + $0 * width) } }
    }

    /// The nodes each row of `x` passes through, root to leaf (scikit-learn's `decision_path`, as lists).
    public func decisionPath(_ x: Tensor) -> [[Int]] {
        let width = x.shape[1]
        return x.withUnsafeBufferPointer { rows in
            (0..<x.shape[0]).map { i in
                let row = rows.baseAddress! + i * width
                var node = 0, path = [0]
                while left[node] != -1 {
                    node = row[feature[node]] <= threshold[node] ? left[node] : right[node]
                    path.append(node)
                }
                return path
            }
        }
    }

    /// Impurity-based feature importances (mean decrease in impurity), normalised to sum to 1
    /// (all zeros for a lone leaf), as scikit-learn's `feature_importances_`:
    /// ```
    /// importance(f) ∝ Σ_{t splits on f} w_t I(t) − w_{tL} I(t_L) − w_{tR} I(t_R)
    /// ```
    public func featureImportances(featureCount: Int) -> [Double] {
        var importances = Array(repeating: 0.0, count: featureCount)
        for t in 0..<nodeCount where left[t] != -1 {
            let l = left[t], r = right[t]
            importances[feature[t]] += Double(weightedSamples[t]) * Double(impurity[t])
                - Double(weightedSamples[l]) * Double(impurity[l]) - Double(weightedSamples[r]) * Double(impurity[r])
        }
        let total = importances.reduce(0, +)
        return total > 0 ? importances.map { $0 / total } : importances
    }

    /// The tree's arrays as tensors (names above), each name prefixed by `prefix`.
    func tensors(prefix: String = "") -> [String: Tensor] {
        let n = nodeCount
        func ints(_ a: [Int]) -> Tensor { Tensor(a.map { Float($0) }) }
        return [prefix + "feature": ints(feature), prefix + "threshold": Tensor(threshold), prefix + "left": ints(left),
                prefix + "right": ints(right), prefix + "value": Tensor(shape: [n, valueWidth], scalars: value),
                prefix + "impurity": Tensor(impurity), prefix + "samples": ints(samples),
                prefix + "weighted_samples": Tensor(weightedSamples)]
    }

    /// Reads a tree written by ``tensors(prefix:)``, checking that its links stay inside it.
    init(archive: SafetensorsArchive, prefix: String = "", kind: String, featureCount: Int) throws(ClassicError) {
        func read(_ name: String) throws(ClassicError) -> [Float] { try archive.tensor(prefix + name, for: kind).scalars }
        let value = try archive.tensor(prefix + "value", for: kind)
        let feature = try read("feature").map { Int($0) }, left = try read("left").map { Int($0) }, right = try read("right").map { Int($0) }
        let threshold = try read("threshold"), impurity = try read("impurity"), samples = try read("samples").map { Int($0) }
        let weighted = try read("weighted_samples"), n = feature.count
        guard n > 0, value.rank == 2, value.shape[0] == n,
              [threshold.count, left.count, right.count, impurity.count, samples.count, weighted.count].allSatisfy({ $0 == n }),
              (0..<n).allSatisfy({ i in
                  left[i] == -1 ? right[i] == -1 : (left[i] > i && left[i] < n && right[i] > i && right[i] < n
                                                    && feature[i] >= 0 && feature[i] < featureCount)
              }) else {
            throw .invalidModelFile(expected: kind, reason: "the tree arrays\(prefix.isEmpty ? "" : " of '\(prefix)'") are inconsistent")
        }
        self.init(feature: feature, threshold: threshold, left: left, right: right, value: value.scalars, valueWidth: value.shape[1],
                  impurity: impurity, samples: samples, weightedSamples: weighted)
    }
}

/// The largest `Float` not above `t`: `x ≤ floatAtMost(t)` ⇔ `Double(x) ≤ t` for every float x.
func floatAtMost(_ t: Double) -> Float {
    let f = Float(t)
    return Double(f) > t ? f.nextDown : f
}

extension DecisionTree {
    /// Adds `scale` × the leaf value of each row of `x` to `sums` (`[count × valueWidth]`).
    func accumulateLeafValues(_ x: Tensor, into sums: inout [Float], scale: Float = 1) {
        let (count, width, k) = (x.shape[0], x.shape[1], valueWidth)
        let found = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        defer { found.deallocate() }
        x.withUnsafeBufferPointer { rows in leaves(of: rows.baseAddress!, count: count, width: width, into: found) }
        sums.withUnsafeMutableBufferPointer { out in
            value.withUnsafeBufferPointer { value in
                for i in 0..<count {
                    let node = Int(found[i])
                    for c in 0..<k { out[i * k + c] += scale * value[node * k + c] }
                }
            }
        }
    }

    /// The leaves of `count` rows (row r at `rows + r * width`), walked four rows at a time: each pass moves the
    /// four rows one level down, so their node loads do not wait on one another and the cache misses of a deep
    /// tree (one row's walk is a chain of dependent loads) overlap. A leaf points to itself in ``packed``, so a
    /// row that has arrived stays put without a branch. The same comparisons as ``leaf(of:)``, so the same leaves.
    func leaves(of rows: UnsafePointer<Float>, count: Int, width: Int, into found: UnsafeMutablePointer<Int32>) {
        packed.withUnsafeBufferPointer { nodes in
            @inline(__always) func next(_ node: SIMD4<Int32>, _ row: UnsafePointer<Float>) -> Int32 {
                row[Int(node[0])] <= Float(bitPattern: UInt32(bitPattern: node[1])) ? node[2] : node[3]
            }
            var start = 0
            while start + 4 <= count {
                let (r0, r1, r2, r3) = (rows + start * width, rows + (start + 1) * width, rows + (start + 2) * width,
                                        rows + (start + 3) * width)
                var (i0, i1, i2, i3): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                while true {
                    let (n0, n1, n2, n3) = (nodes[Int(i0)], nodes[Int(i1)], nodes[Int(i2)], nodes[Int(i3)])
                    if n0[2] == i0 && n1[2] == i1 && n2[2] == i2 && n3[2] == i3 { break }
                    (i0, i1, i2, i3) = (next(n0, r0), next(n1, r1), next(n2, r2), next(n3, r3))
                }
                (found[start], found[start + 1], found[start + 2], found[start + 3]) = (i0, i1, i2, i3)
                start += 4
            }
            for r in start..<count { found[r] = Int32(leaf(of: rows + r * width)) }
        }
    }
}
