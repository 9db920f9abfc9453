import AprendizTensor

/// Grows the trees of a forest in parallel on the kernels' thread pool (``Parallel``). Tree t gets its own
/// splitter state and bootstrap draw, both taken in order from one generator seeded with the forest's seed
/// before any tree starts, so the forest is the same whatever the thread count.
struct ForestGrowing: Sendable {
    let treeCount: Int
    /// Draw each tree's rows with replacement (n draws of n rows).
    let bootstrap: Bool
    /// Extremely randomised trees: one random threshold per examined feature.
    let randomThresholds: Bool
    let parameters: TreeParameters
    let seed: UInt64

    /// Per tree: the splitter state and the bootstrap generator's seed.
    var treeSeeds: [(splitter: UInt32, bootstrap: UInt64)] {
        var generator = RandomGenerator(seed: seed)
        return (0..<treeCount).map { _ in (UInt32(truncatingIfNeeded: generator.next() >> 33), generator.next()) }
    }

    /// How many times each of `rowCount` rows is drawn for a tree whose bootstrap seed is `seed` (all 1
    /// without bootstrap).
    func drawCounts(rowCount: Int, seed: UInt64) -> [Double] {
        guard bootstrap else { return Array(repeating: 1, count: rowCount) }
        var generator = RandomGenerator(seed: seed), counts = Array(repeating: 0.0, count: rowCount)
        for _ in 0..<rowCount { counts[Int(generator.next() % UInt64(rowCount))] += 1 }
        return counts
    }

    /// The forest's trees `range` (default all) on `data` (classification with `classCount` classes and
    /// `classification`, or regression with `regression`).
    func grow(_ data: TreeTrainingData, classification: ClassificationCriterion?, regression: RegressionCriterion?,
              classCount: Int, trees range: Range<Int>? = nil) -> [DecisionTree] {
        let seeds = treeSeeds, range = range ?? 0..<treeCount
        let results = UnsafeMutableBufferPointer<DecisionTree?>.allocate(capacity: range.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        Parallel.forEach(range.count) { index in
            let t = range.lowerBound + index
            var weights = drawCounts(rowCount: data.rowCount, seed: seeds[t].bootstrap)
            if let given = data.weights { for i in weights.indices { weights[i] *= given[i] } }
            let growth = parameters.growth(featureCount: data.featureCount, seed: seeds[t].splitter, randomThresholds: randomThresholds)
            results[index] = data.growTree(classification: classification, regression: regression, classCount: classCount,
                                       parameters: parameters, growth: growth, weights: bootstrap || data.weights != nil ? weights : nil)
        }
        return results.map { $0! }
    }

    /// The rows each tree did not draw (its out-of-bag rows).
    func outOfBagRows(rowCount: Int) -> [[Int]] {
        treeSeeds.map { seeds in
            let counts = drawCounts(rowCount: rowCount, seed: seeds.bootstrap)
            return counts.indices.filter { counts[$0] == 0 }
        }
    }

    /// The forest's hyper-parameters as text.
    var described: [String: String] {
        parameters.described.merging(["treeCount": "\(treeCount)", "bootstrap": "\(bootstrap)", "forestSeed": "\(seed)"]) { $1 }
    }
}

/// Σ over trees of each row's leaf values, `[count × width]`, computed in blocks of rows in parallel.
func summedLeafValues(_ trees: [DecisionTree], _ x: Tensor, width: Int) -> [Float] {
    let n = x.shape[0], block = 256, blocks = (n + block - 1) / block
    var sums = [Float](repeating: 0, count: n * width)
    sums.withUnsafeMutableBufferPointer { out in
        Parallel.forEach(blocks) { b in
            let rows = (b * block)..<min(n, (b + 1) * block)
            let part = x.slice(axis: 0, rows)
            var local = [Float](repeating: 0, count: rows.count * width)
            for tree in trees { tree.accumulateLeafValues(part, into: &local) }
            for i in 0..<local.count { out[rows.lowerBound * width + i] = local[i] }
        }
    }
    return sums
}
