import AprendizData
import AprendizTensor

/// The trees of a fitted gradient-boosting model as flat arrays (one entry per node, all trees in
/// fitting order), ready to predict and to save:
/// ```
/// F(x)ₖ = baselineₖ + Σ_m tree_{m,k}(x)
/// tree(x): from the tree's root, go left when x[feature] ≤ threshold (NaN: when missingGoesLeft), until a leaf
/// ```
/// The tree of iteration m and class k starts at node `treeStarts[m·K + k]`; `left`/`right` are absolute node
/// indices, −1 at leaves. Thresholds are the largest `Float` not above scikit-learn's `Double` bin threshold
/// (+∞ for a split that sends only NaN right), so comparing `Float` inputs routes them identically.
public struct BoostedTrees: Sendable, Equatable {
    /// F₀ per tree of an iteration.
    public private(set) var baseline: [Float]
    /// Trees per iteration K (classes for softmax, else 1).
    public let treesPerIteration: Int
    /// Split feature per node (0 at leaves).
    public private(set) var feature: [Int32] = []
    /// Split threshold per node (0 at leaves).
    public private(set) var threshold: [Float] = []
    /// Where NaN goes at each split.
    public private(set) var missingGoesLeft: [Bool] = []
    /// Children per node, −1 at leaves.
    public private(set) var left: [Int32] = [], right: [Int32] = []
    /// Leaf values (shrinkage applied; 0 at inner nodes).
    public private(set) var value: [Float] = []
    /// The first node of each tree.
    public private(set) var treeStarts: [Int32] = []
    /// The split gain of each inner node, G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ) (0 at leaves; all 0 in a
    /// model file written before the gains were saved).
    public private(set) var gain: [Float] = []
    /// The bin thresholds of each feature (as `Float`s rounded down), kept for inspection and saved with the model.
    public let binThresholds: [[Float]]

    init(baseline: [Float], treesPerIteration: Int, binning: FeatureBinning) {
        self.baseline = baseline
        self.treesPerIteration = treesPerIteration
        binThresholds = binning.thresholds.map { $0.map(FeatureBinning.floatThreshold) }
    }

    init(baseline: [Float], treesPerIteration: Int, feature: [Int32], threshold: [Float], missingGoesLeft: [Bool],
         left: [Int32], right: [Int32], value: [Float], treeStarts: [Int32], binThresholds: [[Float]], gain: [Float]) {
        self.baseline = baseline
        self.gain = gain
        self.treesPerIteration = treesPerIteration
        self.feature = feature
        self.threshold = threshold
        self.missingGoesLeft = missingGoesLeft
        self.left = left
        self.right = right
        self.value = value
        self.treeStarts = treeStarts
        self.binThresholds = binThresholds
    }

    /// The number of boosting iterations fitted (fewer than the maximum after early stopping).
    public var iterations: Int { treeStarts.count / treesPerIteration }
    /// The number of input features.
    public var featureCount: Int { binThresholds.count }

    /// Appends a grown tree, turning split bins into thresholds.
    mutating func append(_ tree: BoostingTree, binning: FeatureBinning) {
        let offset = Int32(feature.count)
        treeStarts.append(offset)
        for node in tree.feature.indices {
            let leaf = tree.left[node] < 0
            let f = tree.feature[node], t = binning.thresholds[f]
            feature.append(Int32(f))
            threshold.append(leaf ? 0 : tree.bin[node] < t.count ? FeatureBinning.floatThreshold(t[tree.bin[node]]) : .infinity)
            missingGoesLeft.append(leaf ? false : tree.missingGoesLeft[node])
            left.append(leaf ? -1 : Int32(tree.left[node]) + offset)
            right.append(leaf ? -1 : Int32(tree.right[node]) + offset)
            value.append(Float(tree.value[node]))
            gain.append(leaf ? 0 : Float(tree.gain[node]))
        }
    }

    /// F(x) for every row of `x` (`[count, featureCount]`, NaN allowed), `[count, K]`; rows in parallel.
    public func rawPredictions(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount,
                "BoostedTrees: x has shape \(x.shape), expected [count, \(featureCount)]")
        let n = x.shape[0], d = featureCount, K = treesPerIteration
        var out = [Float](repeating: 0, count: n * K)
        let chunk = 256
        x.withUnsafeBufferPointer { values in
            out.withUnsafeMutableBufferPointer { buffer in
                let result = UncheckedBuffer(buffer)
                Parallel.forEach((n + chunk - 1) / chunk) { c in
                    var sums = [Double](repeating: 0, count: K)
                    for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                        for k in 0..<K { sums[k] = Double(baseline[k]) }
                        let row = values.baseAddress! + i * d
                        for (t, start) in treeStarts.enumerated() {
                            var node = Int(start)
                            while left[node] >= 0 {
                                let v = row[Int(feature[node])]
                                let goesLeft = v.isNaN ? missingGoesLeft[node] : v <= threshold[node]
                                node = Int(goesLeft ? left[node] : right[node])
                            }
                            sums[t % K] += Double(value[node])
                        }
                        for k in 0..<K { result[i * K + k] = Float(sums[k]) }
                    }
                }
            }
        }
        return Tensor(shape: [n, K], scalars: out)
    }

    /// The arrays as tensors (integers stored exactly as `Float`s) for a model file.
    var tensors: [String: Tensor] {
        func floats<T: BinaryInteger>(_ a: [T]) -> Tensor { Tensor(shape: [a.count], scalars: a.map { Float($0) }) }
        return ["baseline": Tensor(baseline), "feature": floats(feature), "threshold": Tensor(shape: [threshold.count], scalars: threshold),
                "missing_goes_left": Tensor(shape: [missingGoesLeft.count], scalars: missingGoesLeft.map { $0 ? 1 : 0 }),
                "left": floats(left), "right": floats(right), "value": Tensor(shape: [value.count], scalars: value),
                "tree_starts": floats(treeStarts), "bin_thresholds": Tensor(shape: [binThresholds.joined().count], scalars: Array(binThresholds.joined())),
                "bin_threshold_counts": floats(binThresholds.map(\.count)), "gain": Tensor(shape: [gain.count], scalars: gain)]
    }

    /// Rebuilds the arrays from ``tensors``; throws if they are missing or inconsistent.
    init(archive: SafetensorsArchive, kind: String, treesPerIteration: Int) throws(ClassicError) {
        func ints(_ name: String) throws(ClassicError) -> [Int32] { try archive.tensor(name, for: kind).scalars.map { Int32($0) } }
        let feature = try ints("feature"), left = try ints("left"), right = try ints("right"), starts = try ints("tree_starts")
        let threshold = try archive.tensor("threshold", for: kind).scalars, value = try archive.tensor("value", for: kind).scalars
        let missing = try archive.tensor("missing_goes_left", for: kind).scalars.map { $0 != 0 }
        let baseline = try archive.tensor("baseline", for: kind).scalars
        let flat = try archive.tensor("bin_thresholds", for: kind).scalars, counts = try ints("bin_threshold_counts")
        let n = feature.count
        let gain = archive.tensors["gain"] == nil ? [Float](repeating: 0, count: n) : try archive.tensor("gain", for: kind).scalars
        guard [threshold.count, gain.count, missing.count, left.count, right.count, value.count].allSatisfy({ $0 == n }),
              baseline.count == treesPerIteration, starts.count % treesPerIteration == 0,
              counts.reduce(0, +) == flat.count, starts.allSatisfy({ $0 >= 0 && $0 < n }),
              left.allSatisfy({ $0 < n }), right.allSatisfy({ $0 < n }), feature.allSatisfy({ $0 >= 0 && Int($0) < counts.count }) else {
            throw .invalidModelFile(expected: kind, reason: "tree arrays of inconsistent sizes")
        }
        var binThresholds: [[Float]] = [], position = 0
        for c in counts { binThresholds.append(Array(flat[position..<(position + Int(c))])); position += Int(c) }
        self.init(baseline: baseline, treesPerIteration: treesPerIteration, feature: feature, threshold: threshold,
                  missingGoesLeft: missing, left: left, right: right, value: value, treeStarts: starts, binThresholds: binThresholds,
                  gain: gain)
    }
}
