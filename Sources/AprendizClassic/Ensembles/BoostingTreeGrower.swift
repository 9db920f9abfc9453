import AprendizTensor

/// The best split of one node on one feature (or on all of them).
struct BoostingSplit: Sendable {
    var gain = -1.0
    var feature = 0, bin = 0
    var missingGoesLeft = false
    var gradientLeft = 0.0, hessianLeft = 0.0, countLeft = 0
}

/// A boosting tree as grown on bins, before flattening: nodes in creation order, the root first.
struct BoostingTree {
    /// Split feature, split bin (bins ≤ it go left), NaN direction; meaningless for leaves.
    var feature: [Int] = [], bin: [Int] = [], missingGoesLeft: [Bool] = []
    /// Child node indices, −1 for a leaf.
    var left: [Int] = [], right: [Int] = []
    /// The leaf value −G/(H + λ)·shrinkage (0 for inner nodes).
    var value: [Double] = []
    /// The split's gain G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ) at inner nodes (the root's included), 0 at leaves.
    var gain: [Double] = []
    /// The training samples of each leaf: `sampleOrder[range]` with the leaf's node index.
    var leafRanges: [(node: Int, range: Range<Int>)] = []
}

/// Grows one regression tree on binned data by best-first (leaf-wise) splitting of Newton steps, as
/// LightGBM and scikit-learn's `TreeGrower`:
/// ```
/// gain(split)  = G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)      (the root omits the last term, as scikit-learn)
/// leaf value   = −G/(H + λ) · shrinkage                              (G, H = Σ gradients, Σ hessians in the leaf)
/// ```
/// The node of largest gain splits next until `maximumLeafNodes` leaves exist; a node with fewer than
/// 2·`minimumSamplesLeaf` samples, at `maximumDepth`, or without a split of positive gain becomes a leaf.
/// Each split scans every feature's histogram left to right (NaN samples go right) and, when the feature had
/// missing values, right to left (NaN go left), keeping the first strictly best. Histograms: the smaller
/// child's is summed from its samples, the larger child's is the parent's minus it (``HistogramBuilder``).
/// Histograms and split scans run in parallel over blocks of features on the `Parallel` pool; each feature's
/// sums run in a fixed order, so the tree does not depend on the thread count. (Book ch. 15 is silent on these details; they follow scikit-learn 1.9.)
struct BoostingTreeGrower {
    /// The binned training data and the histogram buffers.
    let histograms: HistogramBuilder
    var sampleCount: Int { histograms.sampleCount }
    var featureCount: Int { histograms.featureCount }
    /// Ordinary bins per feature (thresholds + 1) and whether the feature had NaN in training.
    let binCounts: [Int], hasMissing: [Bool]
    let maximumLeafNodes: Int, maximumDepth: Int?, minimumSamplesLeaf: Int
    let l2Regularization: Double, shrinkage: Double
    /// scikit-learn's `min_hessian_to_split`.
    static let minimumHessian = 1e-3
    static let binsPerFeature = HistogramBuilder.binsPerFeature
    /// Features scanned per parallel task of the split search.
    static let splitBlock = 16

    private struct Node {
        var range: Range<Int>
        var depth: Int
        var gradient: Double, hessian: Double, value: Double
        var histogram: UnsafeMutablePointer<HistogramBin>? = nil
        var split = BoostingSplit()
        var index: Int
    }

    /// Grows a tree on `gradients` and `hessians` (one per training sample); `order` is scratch of
    /// `sampleCount` indices, left holding each leaf's samples in `leafRanges`.
    func grow(gradients: [Float], hessians: [Float], order: inout [Int32]) -> BoostingTree {
        let n = sampleCount
        for i in 0..<n { order[i] = Int32(i) }
        var tree = BoostingTree()
        func addNode() -> Int {
            tree.feature.append(0); tree.bin.append(0); tree.missingGoesLeft.append(false)
            tree.left.append(-1); tree.right.append(-1); tree.value.append(0); tree.gain.append(0)
            return tree.feature.count - 1
        }
        var finalized = 0
        func finalize(_ node: Node) {
            if let histogram = node.histogram { histograms.recycle(histogram) }
            tree.value[node.index] = node.value * shrinkage
            tree.leafRanges.append((node.index, node.range))
            finalized += 1
        }
        let rootHistogram = order.withUnsafeBufferPointer {
            histograms.build(samples: $0, gradients: gradients, hessians: hessians)
        }
        var gradientSum = 0.0, hessianSum = 0.0
        // Feature 0's bins in order (the unused ones, all zero, are left out: adding 0 changes no sum).
        for b in Array(0..<histograms.usedBins[0]) + [Int(FeatureBinning.missingBin)] {
            gradientSum += rootHistogram[b].gradient
            hessianSum += rootHistogram[b].hessian
        }
        var root = Node(range: 0..<n, depth: 0, gradient: gradientSum, hessian: hessianSum, value: 0,
                        histogram: rootHistogram, index: addNode())
        var splittable: [Node] = []
        if n < 2 * minimumSamplesLeaf || hessianSum < Self.minimumHessian {
            finalize(root)
            return tree
        }
        root.split = bestSplit(rootHistogram, count: n, gradient: gradientSum, hessian: hessianSum, value: 0)
        if root.split.gain <= 0 { finalize(root) } else { splittable.append(root) }

        while !splittable.isEmpty {
            var best = 0
            for i in 1..<splittable.count where splittable[i].split.gain > splittable[best].split.gain { best = i }
            let node = splittable.remove(at: best)
            let split = node.split
            let middle = partition(&order, node.range, split)
            tree.feature[node.index] = split.feature
            tree.bin[node.index] = split.bin
            // The search's gain uses the node's value (0 at the root, as scikit-learn); the importance, LightGBM's.
            tree.gain[node.index] = split.gain - node.gradient * node.value + node.gradient * nodeValue(node.gradient, node.hessian)
            let leftNode = addNode(), rightNode = addNode()
            tree.left[node.index] = leftNode
            tree.right[node.index] = rightNode
            let gradientRight = node.gradient - split.gradientLeft, hessianRight = node.hessian - split.hessianLeft
            let left = Node(range: node.range.lowerBound..<middle, depth: node.depth + 1, gradient: split.gradientLeft,
                            hessian: split.hessianLeft, value: nodeValue(split.gradientLeft, split.hessianLeft), index: leftNode)
            let right = Node(range: middle..<node.range.upperBound, depth: node.depth + 1, gradient: gradientRight,
                             hessian: hessianRight, value: nodeValue(gradientRight, hessianRight), index: rightNode)
            // A feature without NaN in training sends NaN to the larger child (scikit-learn).
            tree.missingGoesLeft[node.index] = hasMissing[split.feature] ? split.missingGoesLeft : left.range.count > right.range.count
            let leaves = finalized + splittable.count + 2
            var leftDone = false, rightDone = false
            if leaves == maximumLeafNodes {
                finalize(left); finalize(right); histograms.recycle(node.histogram!)
                for other in splittable { finalize(other) }
                splittable.removeAll()
                break
            }
            let parent = node.histogram!
            if let maximumDepth, left.depth == maximumDepth {
                finalize(left); finalize(right); histograms.recycle(parent)
                continue
            }
            if left.range.count < 2 * minimumSamplesLeaf { finalize(left); leftDone = true }
            if right.range.count < 2 * minimumSamplesLeaf { finalize(right); rightDone = true }
            if leftDone && rightDone { histograms.recycle(parent); continue }
            let smallIsLeft = left.range.count < right.range.count
            let small = smallIsLeft ? left.range : right.range
            let smallHistogram = order.withUnsafeBufferPointer {
                histograms.build(samples: UnsafeBufferPointer(rebasing: $0[small]), gradients: gradients, hessians: hessians)
            }
            histograms.subtract(smallHistogram, from: parent)
            let leftHistogram = smallIsLeft ? smallHistogram : parent, rightHistogram = smallIsLeft ? parent : smallHistogram
            for (child, done, histogram) in [(left, leftDone, leftHistogram), (right, rightDone, rightHistogram)] {
                if done { histograms.recycle(histogram); continue }
                var child = child
                child.histogram = histogram
                child.split = bestSplit(histogram, count: child.range.count, gradient: child.gradient,
                                        hessian: child.hessian, value: child.value)
                if child.split.gain <= 0 { finalize(child) } else { splittable.append(child) }
            }
        }
        return tree
    }

    /// −G/(H + λ), scikit-learn's `compute_node_value` (with its 1e-15 guard).
    private func nodeValue(_ gradient: Double, _ hessian: Double) -> Double {
        -gradient / (hessian + l2Regularization + 1e-15)
    }

    /// The best split over all features (the first feature of strictly largest gain), features scanned in parallel.
    private func bestSplit(_ histogram: UnsafeMutablePointer<HistogramBin>, count: Int, gradient: Double, hessian: Double,
                           value: Double) -> BoostingSplit {
        var candidates = [BoostingSplit](repeating: BoostingSplit(), count: featureCount)
        let d = featureCount
        candidates.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedBuffer(buffer)
            Parallel.forEach((d + Self.splitBlock - 1) / Self.splitBlock) { block in
                for f in (block * Self.splitBlock)..<min(d, (block + 1) * Self.splitBlock) {
                    out[f] = bestSplit(feature: f, histogram + f * Self.binsPerFeature, count: count,
                                       gradient: gradient, hessian: hessian, value: value)
                }
            }
        }
        var best = candidates[0]
        for c in candidates.dropFirst() where c.gain > best.gain { best = c }
        return best
    }

    /// scikit-learn's `_find_best_bin_to_split_left_to_right` then, with missing values,
    /// `_find_best_bin_to_split_right_to_left`. An empty bin leaves the sums, hence the gain, as they were, so
    /// it is skipped: it cannot be strictly better than the bin before it.
    private func bestSplit(feature f: Int, _ bins: UnsafePointer<HistogramBin>, count: Int, gradient: Double,
                           hessian: Double, value: Double) -> BoostingSplit {
        var best = BoostingSplit()
        best.feature = f
        let parentLoss = gradient * value, missing = hasMissing[f], ordinary = binCounts[f]
        func gain(_ gl: Double, _ hl: Double, _ gr: Double, _ hr: Double) -> Double {
            parentLoss - gl * nodeValue(gl, hl) - gr * nodeValue(gr, hr)
        }
        var gl = 0.0, hl = 0.0, nl = 0
        for b in 0..<(ordinary - 1 + (missing ? 1 : 0)) where bins[b].count != 0 {
            nl += Int(bins[b].count); gl += bins[b].gradient; hl += bins[b].hessian
            let nr = count - nl, hr = hessian - hl, gr = gradient - gl
            if nl < minimumSamplesLeaf { continue }
            if nr < minimumSamplesLeaf { break }
            if hl < Self.minimumHessian { continue }
            if hr < Self.minimumHessian { break }
            let g = gain(gl, hl, gr, hr)
            if g > best.gain && g > 0 {
                best.gain = g; best.bin = b; best.missingGoesLeft = false
                best.gradientLeft = gl; best.hessianLeft = hl; best.countLeft = nl
            }
        }
        guard missing, ordinary >= 2 else { return best }
        var gr = 0.0, hr = 0.0, nr = 0
        for b in stride(from: ordinary - 2, through: 0, by: -1) where bins[b + 1].count != 0 {
            nr += Int(bins[b + 1].count); gr += bins[b + 1].gradient; hr += bins[b + 1].hessian
            let nl = count - nr, hl = hessian - hr, gl = gradient - gr
            if nr < minimumSamplesLeaf { continue }
            if nl < minimumSamplesLeaf { break }
            if hr < Self.minimumHessian { continue }
            if hl < Self.minimumHessian { break }
            let g = gain(gl, hl, gr, hr)
            if g > best.gain && g > 0 {
                best.gain = g; best.bin = b; best.missingGoesLeft = true
                best.gradientLeft = gl; best.hessianLeft = hl; best.countLeft = nl
            }
        }
        return best
    }

    /// Reorders `order[range]` so the samples going left come first (each side keeping its order); returns the boundary.
    private func partition(_ order: inout [Int32], _ range: Range<Int>, _ split: BoostingSplit) -> Int {
        let column = split.feature * sampleCount, threshold = UInt8(split.bin)
        var right: [Int32] = []
        right.reserveCapacity(range.count - split.countLeft)
        var write = range.lowerBound
        histograms.bins.withUnsafeBufferPointer { bins in
            for i in range {
                let s = order[i], b = bins[column + Int(s)]
                let goesLeft = b == FeatureBinning.missingBin ? split.missingGoesLeft : b <= threshold
                if goesLeft { order[write] = s; write += 1 } else { right.append(s) }
            }
        }
        for (k, s) in right.enumerated() { order[write + k] = s }
        return write
    }
}
