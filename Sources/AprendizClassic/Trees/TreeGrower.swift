import AprendizTensor

/// The limits and randomness of one tree's growth (validated by the estimators).
struct TreeGrowth: Sendable {
    /// Depth at which nodes become leaves (`Int.max`: unlimited).
    var maxDepth = Int.max
    /// A node with fewer samples is a leaf.
    var minSamplesSplit = 2
    /// Each child must keep at least this many samples.
    var minSamplesLeaf = 1
    /// A split must decrease the weighted impurity by at least this much.
    var minImpurityDecrease = 0.0
    /// Features examined per node (resolved ``MaxFeatures``).
    var maxFeatures = Int.max
    /// Grow best-first up to this many leaves (nil: depth-first, unlimited).
    var maxLeafNodes: Int?
    /// Draw one random threshold per feature (extremely randomised trees) instead of the best one.
    var randomThresholds = false
    /// The splitter's generator state (``SplitterRandom``).
    var seed: UInt32 = 0
}

/// One candidate split: samples `[start, position)` go left (`x[feature] ≤ threshold`).
struct TreeSplit {
    var feature = 0, threshold = 0.0, position = 0
    var impurityLeft = 0.0, impurityRight = 0.0, improvement = 0.0
}

/// Grows one CART tree (§13.3) as scikit-learn does: `DepthFirstTreeBuilder` (or `BestFirstTreeBuilder` with
/// `maxLeafNodes`) around `BestSplitter` (or `RandomSplitter` for extra trees), with the same feature-draw
/// order, constant-feature bookkeeping, tie rule (a later split wins only if strictly better) and
/// thresholds halfway between consecutive distinct values:
/// ```
/// threshold = x₍ₚ₋₁₎ / 2 + x₍ₚ₎ / 2                                   (in double precision)
/// improvement = (N_t / N) · (I(t) − N_tR / N_t · I(t_R) − N_tL / N_t · I(t_L))
/// ```
/// Samples of zero weight take no part. Rows are sorted per node and feature by a packed 64-bit key
/// (order-preserving bits of the value, then the row), so the result does not depend on row order.
final class TreeGrower<Criterion: NodeCriterion> {
    static var featureThreshold: Float { 1e-7 }
    /// Nodes this large sort by ``FeatureRanks`` when there are (smaller ones sort faster by comparison).
    static var rankSortMinimum: Int { 64 }
    /// The training values, as floats or as ``FeatureRanks`` with their value tables.
    let columns: FeatureColumns
    let rowCount: Int, featureCount: Int
    let criterion: Criterion
    let growth: TreeGrowth
    var random: SplitterRandom
    let samples: UnsafeMutableBufferPointer<Int>
    private let activeCount: Int
    let values: UnsafeMutableBufferPointer<Float>, keys: UnsafeMutableBufferPointer<UInt64>
    /// Scratch for the radix sort of large nodes: keys and rows, twice.
    let radixKeys: UnsafeMutableBufferPointer<UInt32>, radixRows: UnsafeMutableBufferPointer<Int32>
    var features: [Int], constantFeatures: [Int]
    let totalWeight: Double
    private let valueScratch: UnsafeMutablePointer<Double>

    /// A grower over `columns` (feature-major: value of row i, feature f at `f · rowCount + i`).
    init(columns: FeatureColumns, rowCount: Int, weights: [Double]?,
         criterion: Criterion, growth: TreeGrowth) {
        self.columns = columns
        self.rowCount = rowCount
        featureCount = columns.featureCount
        self.criterion = criterion
        self.growth = growth
        random = SplitterRandom(state: growth.seed)
        let active = (0..<rowCount).filter { weights == nil || weights![$0] != 0 }
        activeCount = active.count
        samples = .allocate(capacity: max(active.count, 1))
        _ = samples.initialize(from: active)
        values = .allocate(capacity: max(rowCount, 1))
        keys = .allocate(capacity: max(rowCount, 1))
        radixKeys = .allocate(capacity: 2 * max(rowCount, 1))
        radixRows = .allocate(capacity: 2 * max(rowCount, 1))
        features = Array(0..<featureCount)
        constantFeatures = Array(repeating: 0, count: featureCount)
        totalWeight = weights?.reduce(0, +) ?? Double(rowCount)
        valueScratch = .allocate(capacity: criterion.valueWidth)
    }

    deinit {
        samples.deallocate()
        values.deallocate()
        keys.deallocate()
        radixKeys.deallocate()
        radixRows.deallocate()
        valueScratch.deallocate()
    }

    /// Grows the tree (depth-first, or best-first when `maxLeafNodes` is set).
    func grow() -> GrownTree {
        growth.maxLeafNodes == nil ? growDepthFirst() : growBestFirst(maxLeaves: growth.maxLeafNodes!)
    }

    private struct NodeRecord {
        var start: Int, end: Int, depth: Int, parent: Int?, isLeft: Bool, impurity: Double, constants: Int
    }

    private func growDepthFirst() -> GrownTree {
        var tree = GrownTree(valueWidth: criterion.valueWidth)
        var stack = [NodeRecord(start: 0, end: activeCount, depth: 0, parent: nil, isLeft: false, impurity: .infinity, constants: 0)]
        var first = true
        while let record = stack.popLast() {
            let (node, split, constants) = expand(record, first: first, into: &tree)
            first = false
            guard let split else { continue }
            // Right pushed first so that the left subtree is grown (and numbered) first, as in scikit-learn.
            stack.append(NodeRecord(start: split.position, end: record.end, depth: record.depth + 1, parent: node,
                                    isLeft: false, impurity: split.impurityRight, constants: constants))
            stack.append(NodeRecord(start: record.start, end: split.position, depth: record.depth + 1, parent: node,
                                    isLeft: true, impurity: split.impurityLeft, constants: constants))
        }
        return tree
    }

    /// Adds the node of `record` to `tree` and finds its split (nil for a leaf); also returns the children's
    /// count of known constant features.
    private func expand(_ record: NodeRecord, first: Bool, into tree: inout GrownTree) -> (Int, TreeSplit?, Int) {
        let rows = UnsafeMutableBufferPointer(rebasing: samples[record.start..<record.end])
        criterion.startNode(rows)
        let n = record.end - record.start, weighted = criterion.weightedNode
        var isLeaf = record.depth >= growth.maxDepth || n < growth.minSamplesSplit || n < 2 * growth.minSamplesLeaf
        let impurity = first ? criterion.nodeImpurity() : record.impurity
        isLeaf = isLeaf || impurity <= Double.ulpOfOne
        var split: TreeSplit?
        var constants = record.constants
        if !isLeaf {
            split = findSplit(start: record.start, end: record.end, impurity: impurity, constants: &constants)
            if let s = split, s.improvement + Double.ulpOfOne < growth.minImpurityDecrease { split = nil }
        }
        criterion.nodeValue(valueScratch)
        let id = tree.addNode(parent: record.parent, isLeft: record.isLeft, impurity: impurity, samples: n,
                              weightedSamples: weighted, value: valueScratch)
        guard let split else { return (id, nil, constants) }
        tree.setSplit(id, feature: split.feature, threshold: split.threshold)
        return (id, split, constants)
    }

    private struct FrontierRecord {
        var node: Int, record: NodeRecord, split: TreeSplit?
        var improvement: Double { split?.improvement ?? 0 }
    }

    private func growBestFirst(maxLeaves: Int) -> GrownTree {
        var tree = GrownTree(valueWidth: criterion.valueWidth)
        var frontier: [FrontierRecord] = []
        func add(_ record: NodeRecord, first: Bool) {
            let (node, split, constants) = expand(record, first: first, into: &tree)
            var record = record
            record.constants = constants
            frontier.append(FrontierRecord(node: node, record: record, split: split))
        }
        add(NodeRecord(start: 0, end: activeCount, depth: 0, parent: nil, isLeft: false, impurity: .infinity, constants: 0), first: true)
        var splitsLeft = maxLeaves - 1
        while !frontier.isEmpty {
            // The most improving node first; equal improvements in the order the nodes were made.
            let best = frontier.indices.max { a, b in
                (frontier[a].improvement, -frontier[a].node) < (frontier[b].improvement, -frontier[b].node)
            }!
            let entry = frontier.remove(at: best)
            guard let split = entry.split, splitsLeft > 0 else {
                tree.makeLeaf(entry.node)
                continue
            }
            splitsLeft -= 1
            let r = entry.record
            add(NodeRecord(start: r.start, end: split.position, depth: r.depth + 1, parent: entry.node, isLeft: true,
                           impurity: split.impurityLeft, constants: r.constants), first: false)
            add(NodeRecord(start: split.position, end: r.end, depth: r.depth + 1, parent: entry.node, isLeft: false,
                           impurity: split.impurityRight, constants: r.constants), first: false)
        }
        return tree
    }
}
