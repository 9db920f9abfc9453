import AprendizTensor
import Foundation

/// A k-d tree over the training rows (Bentley 1975; the layout of scikit-learn's `KDTree`): each node holds
/// a contiguous range of the (reordered) rows and their bounding box; an inner node splits its range at the
/// median of the coordinate with the largest spread, down to leaves of at most `leafSize` rows.
///
/// A query visits the nearer child first and skips a node when the distance from the query to its box
/// ```
/// rdist(q, box) = Σⱼ term(max(loⱼ − qⱼ, qⱼ − hiⱼ, 0))      (max over j for chebyshev)
/// ```
/// is larger than the k-th best so far (not equal: a row at the same distance with a lower index still
/// enters), so results are exactly the brute-force ones. Fast for few features (≲ 15); beyond that almost
/// every box is within reach and brute force wins.
struct KDTree: Sendable {
    struct Node: Sendable {
        var start: Int
        var end: Int
        var left = -1
        var right = -1
    }

    let features: Int
    let reduced: ReducedDistance
    /// The training rows, row-major, in tree order.
    let rows: [Double]
    /// `order[i]`: the original index of tree row i.
    let order: [Int]
    let nodes: [Node]
    /// Each node's box, `[nodes, 2, features]` (lower corner, then upper corner).
    let bounds: [Double]

    init(_ x: Tensor, reduced: ReducedDistance, leafSize: Int) {
        precondition(reduced != .cosine, "KDTree: cosine distance has no coordinate-wise bound")
        let original = DenseMatrix(x)
        let (n, d) = (original.rows, original.columns)
        var order = Array(0..<n)
        var nodes: [Node] = []
        var bounds: [Double] = []
        Self.build(original.values, d, &order, 0, n, leafSize, &nodes, &bounds)
        var rows = [Double](repeating: 0, count: n * d)
        for (position, i) in order.enumerated() { for j in 0..<d { rows[position * d + j] = original.values[i * d + j] } }
        features = d
        self.reduced = reduced
        self.rows = rows
        self.order = order
        self.nodes = nodes
        self.bounds = bounds
    }

    /// Appends the node for `order[start..<end]` and its subtree; returns its position.
    @discardableResult
    private static func build(_ x: [Double], _ d: Int, _ order: inout [Int], _ start: Int, _ end: Int, _ leafSize: Int,
                              _ nodes: inout [Node], _ bounds: inout [Double]) -> Int {
        let position = nodes.count
        nodes.append(Node(start: start, end: end))
        var lower = [Double](repeating: .infinity, count: d), upper = [Double](repeating: -.infinity, count: d)
        for i in order[start..<end] {
            for j in 0..<d { lower[j] = min(lower[j], x[i * d + j]); upper[j] = max(upper[j], x[i * d + j]) }
        }
        bounds += lower
        bounds += upper
        guard end - start > leafSize else { return position }
        let axis = (0..<d).max { upper[$0] - lower[$0] < upper[$1] - lower[$1] }!
        guard upper[axis] > lower[axis] else { return position }     // all rows equal: one leaf
        let middle = (start + end) / 2
        order[start..<end].sort { (x[$0 * d + axis], $0) < (x[$1 * d + axis], $1) }
        let left = build(x, d, &order, start, middle, leafSize, &nodes, &bounds)
        let right = build(x, d, &order, middle, end, leafSize, &nodes, &bounds)
        nodes[position].left = left
        nodes[position].right = right
        return position
    }

    /// The reduced distance from `q` to node `node`'s box (0 inside it).
    @inline(__always) private func boxDistance(_ q: UnsafePointer<Double>, _ node: Int, _ box: UnsafePointer<Double>) -> Double {
        let lower = box + node * 2 * features, upper = lower + features
        var total = 0.0
        for j in 0..<features {
            let gap = max(lower[j] - q[j], q[j] - upper[j], 0)
            total = reduced.combine(total, reduced.term(gap))
        }
        return total
    }

    /// Adds every row of the subtree at `node` that beats the list's bound to `list`, skipping original index `skip`.
    private func search(_ q: UnsafePointer<Double>, _ node: Int, _ list: inout NeighborList, skip: Int,
                        _ data: UnsafePointer<Double>, _ box: UnsafePointer<Double>) {
        let current = nodes[node]
        if current.left < 0 {
            for position in current.start..<current.end where order[position] != skip {
                let r = reduced.between(q, data + position * features, count: features)
                if r <= list.bound { list.insert(r, order[position]) }
            }
            return
        }
        let (a, b) = (boxDistance(q, current.left, box), boxDistance(q, current.right, box))
        let (near, far, farDistance) = a <= b ? (current.left, current.right, b) : (current.right, current.left, a)
        if min(a, b) <= list.bound { search(q, near, &list, skip: skip, data, box) }
        if farDistance <= list.bound { search(q, far, &list, skip: skip, data, box) }
    }

    /// Adds every row of the subtree at `node` within reduced distance `bound` of `q` to `found`.
    private func collect(_ q: UnsafePointer<Double>, _ node: Int, bound: Double, skip: Int, _ found: inout [(Double, Int)],
                         _ data: UnsafePointer<Double>, _ box: UnsafePointer<Double>) {
        let current = nodes[node]
        if current.left < 0 {
            for position in current.start..<current.end where order[position] != skip {
                let r = reduced.between(q, data + position * features, count: features)
                if r <= bound { found.append((r, order[position])) }
            }
            return
        }
        for child in [current.left, current.right] where boxDistance(q, child, box) <= bound {
            collect(q, child, bound: bound, skip: skip, &found, data, box)
        }
    }

    /// The k nearest rows of each query, as ``BruteForceSearch/kneighbors(_:queryCount:k:excludingSelf:)``.
    func kneighbors(_ queries: [Double], queryCount: Int, k: Int, excludingSelf: Bool) -> (reduced: [Double], indices: [Int]) {
        var bestDistances = [Double](repeating: .infinity, count: queryCount * k)
        var bestIndices = [Int](repeating: -1, count: queryCount * k)
        let chunk = 64
        bestDistances.withUnsafeMutableBufferPointer { bd in
            bestIndices.withUnsafeMutableBufferPointer { bi in
                let (bdp, bip) = (bd.baseAddress!, bi.baseAddress!)
                queries.withUnsafeBufferPointer { q in
                    rows.withUnsafeBufferPointer { data in
                        bounds.withUnsafeBufferPointer { box in
                            Parallel.forEach((queryCount + chunk - 1) / chunk) { c in
                                for query in (c * chunk)..<min(queryCount, (c + 1) * chunk) {
                                    var list = NeighborList(distances: bdp + query * k, indices: bip + query * k, capacity: k)
                                    search(q.baseAddress! + query * features, 0, &list, skip: excludingSelf ? query : -1,
                                           data.baseAddress!, box.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (bestDistances, bestIndices)
    }

    /// Every row within reduced distance `bound` of each query, as ``BruteForceSearch/radiusNeighbors(_:queryCount:bound:excludingSelf:)``.
    func radiusNeighbors(_ queries: [Double], queryCount: Int, bound: Double, excludingSelf: Bool) -> [[(Double, Int)]] {
        var found = [[(Double, Int)]](repeating: [], count: queryCount)
        found.withUnsafeMutableBufferPointer { out in
            let outp = out.baseAddress!
            queries.withUnsafeBufferPointer { q in
                rows.withUnsafeBufferPointer { data in
                    bounds.withUnsafeBufferPointer { box in
                        Parallel.forEach(queryCount) { query in
                            collect(q.baseAddress! + query * features, 0, bound: bound, skip: excludingSelf ? query : -1,
                                    &outp[query], data.baseAddress!, box.baseAddress!)
                        }
                    }
                }
            }
        }
        return found
    }
}
