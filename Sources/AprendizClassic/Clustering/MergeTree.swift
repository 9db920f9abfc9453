import AprendizTensor

/// The full merge tree of an ``AgglomerativeClustering`` in SciPy's linkage-matrix layout.
///
/// Row m of the `[n − 1, 4]` matrix merges clusters `Z[m, 0] < Z[m, 1]` at distance `Z[m, 2]` into a
/// cluster of `Z[m, 3]` rows, numbered n + m; clusters 0 … n − 1 are the rows themselves. Rows are in
/// ascending distance.
public struct MergeTree: Equatable, Sendable {
    /// The number of rows clustered.
    public let count: Int
    /// One entry per merge: (first, second, distance, size), SciPy's `Z`.
    public let merges: [Merge]

    /// One merge of the tree.
    public struct Merge: Equatable, Sendable {
        /// The smaller id of the two merged clusters.
        public let first: Int
        /// The larger id.
        public let second: Int
        /// The linkage distance at which they merge.
        public let distance: Double
        /// The number of rows in the merged cluster.
        public let size: Int
    }

    /// The linkage matrix as a `[n − 1, 4]` tensor.
    public var linkageMatrix: Tensor {
        Tensor(shape: [merges.count, 4], scalars: merges.flatMap { [Float($0.first), Float($0.second), Float($0.distance), Float($0.size)] })
    }

    init(linkage: AgglomerativeClustering.Linkage, x: DenseMatrix) {
        let n = x.rows
        count = n
        guard n > 1 else { merges = []; return }
        let distances = Self.pairwiseDistances(x)
        let raw = linkage == .single ? Self.minimumSpanningTree(distances, n) : Self.nearestNeighbourChain(distances, n, linkage)
        merges = Self.labelled(raw.enumerated().sorted { ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset) }
            .map(\.element), n)
    }

    /// Cluster labels after applying the first n − k merges, numbered by first appearance in row order.
    public func labels(clusterCount k: Int) -> [Int] {
        require(k >= 1 && k <= max(count, 1), "MergeTree.labels: \(k) clusters for \(count) rows")
        return labels(applying: count - k)
    }

    /// Cluster labels after applying every merge of distance < `threshold` (scikit-learn's
    /// `distance_threshold`), numbered by first appearance in row order.
    public func labels(belowDistance threshold: Double) -> [Int] {
        labels(applying: merges.prefix { $0.distance < threshold }.count)
    }

    private func labels(applying mergeCount: Int) -> [Int] {
        var parent = Array(0..<(count + mergeCount))
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for (m, merge) in merges.prefix(mergeCount).enumerated() { parent[merge.first] = count + m; parent[merge.second] = count + m }
        var numbering: [Int: Int] = [:]
        return (0..<count).map { i in
            let r = root(i)
            if let label = numbering[r] { return label }
            numbering[r] = numbering.count
            return numbering[r]!
        }
    }

    /// The full n × n Euclidean distance matrix.
    static func pairwiseDistances(_ x: DenseMatrix) -> [Double] {
        let (n, p) = (x.rows, x.columns)
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                var sum = 0.0
                for f in 0..<p { let t = x.values[i * p + f] - x.values[j * p + f]; sum += t * t }
                d[i * n + j] = sum.squareRoot(); d[j * n + i] = d[i * n + j]
            }
        }
        return d
    }

    /// SciPy's `mst_single_linkage` (Prim): merges (x, y, distance) in discovery order.
    static func minimumSpanningTree(_ d: [Double], _ n: Int) -> [(x: Int, y: Int, distance: Double)] {
        var merged = [Bool](repeating: false, count: n), nearest = [Double](repeating: .infinity, count: n)
        var out: [(x: Int, y: Int, distance: Double)] = [], x = 0
        for _ in 0..<(n - 1) {
            var best = Double.infinity, y = -1
            merged[x] = true
            for i in 0..<n where !merged[i] {
                nearest[i] = min(nearest[i], d[x * n + i])
                if nearest[i] < best || y < 0 { (best, y) = (nearest[i], i) }
            }
            out.append((x, y, best))
            x = y
        }
        return out
    }

    /// SciPy's `nn_chain`: follow nearest neighbours until two are mutual, merge them, update with
    /// Lance–Williams; merges (x < y, distance) in merge order.
    static func nearestNeighbourChain(_ distances: [Double], _ n: Int,
                                      _ linkage: AgglomerativeClustering.Linkage) -> [(x: Int, y: Int, distance: Double)] {
        var d = distances, size = [Int](repeating: 1, count: n), chain: [Int] = []
        var out: [(x: Int, y: Int, distance: Double)] = []
        for _ in 0..<(n - 1) {
            if chain.isEmpty { chain = [size.firstIndex { $0 > 0 }!] }
            var x = 0, y = 0, current = 0.0
            while true {
                x = chain[chain.count - 1]
                if chain.count > 1 { y = chain[chain.count - 2]; current = d[x * n + y] } else { current = .infinity }
                for i in 0..<n where size[i] > 0 && i != x && d[x * n + i] < current { (current, y) = (d[x * n + i], i) }
                if chain.count > 1 && y == chain[chain.count - 2] { break }
                chain.append(y)
            }
            chain.removeLast(2)
            if x > y { swap(&x, &y) }
            let (nx, ny) = (size[x], size[y])
            out.append((x, y, current))
            size[x] = 0; size[y] = nx + ny
            for i in 0..<n where size[i] > 0 && i != y {
                let (dxi, dyi) = (d[i * n + x], d[i * n + y])
                let value: Double
                switch linkage {
                case .complete: value = max(dxi, dyi)
                case .average: value = (Double(nx) * dxi + Double(ny) * dyi) / Double(nx + ny)
                case .ward, .single:
                    let ni = Double(size[i]), t = 1 / (Double(nx + ny) + ni)
                    value = ((ni + Double(nx)) * t * dxi * dxi + (ni + Double(ny)) * t * dyi * dyi - ni * t * current * current).squareRoot()
                }
                d[i * n + y] = value; d[y * n + i] = value
            }
        }
        return out
    }

    /// SciPy's `label`: renumbers sorted merges with a union–find so each merge names the current roots.
    static func labelled(_ sorted: [(x: Int, y: Int, distance: Double)], _ n: Int) -> [Merge] {
        var parent = Array(0..<(2 * n - 1)), sizes = [Int](repeating: 1, count: 2 * n - 1)
        func find(_ i: Int) -> Int {
            var r = i
            while parent[r] != r { r = parent[r] }
            var j = i
            while parent[j] != r { let next = parent[j]; parent[j] = r; j = next }
            return r
        }
        return sorted.enumerated().map { m, merge in
            let (a, b) = (find(merge.x), find(merge.y))
            let new = n + m
            parent[a] = new; parent[b] = new; sizes[new] = sizes[a] + sizes[b]
            return Merge(first: min(a, b), second: max(a, b), distance: merge.distance, size: sizes[new])
        }
    }
}
