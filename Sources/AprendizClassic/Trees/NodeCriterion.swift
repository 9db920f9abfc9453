import Foundation

/// The target statistics a split search keeps for one node (scikit-learn's `Criterion`): totals over the
/// node's samples and running sums for a left child that grows as samples move into it from the right.
/// The right child is always "node minus left".
///
/// `proxyImprovement` ranks the candidate splits of one node: larger is better, and it differs from the
/// impurity decrease only by terms that are constant in the node (scikit-learn's
/// `proxy_impurity_improvement`, whose arithmetic is followed operation for operation so that equal splits
/// tie exactly as they do there).
protocol NodeCriterion: AnyObject {
    /// Values per node: the class count, or 1.
    var valueWidth: Int { get }
    /// Σ w over the node.
    var weightedNode: Double { get }
    /// Σ w over the left child.
    var weightedLeft: Double { get }
    /// Sets the node to `samples` and empties the left child.
    func startNode(_ samples: UnsafeMutableBufferPointer<Int>)
    /// Empties the left child.
    func resetLeft()
    /// Moves `sample` from the right child to the left one.
    func moveLeft(_ sample: Int)
    /// The node's impurity.
    func nodeImpurity() -> Double
    /// The impurities of the left and right children.
    func childrenImpurity() -> (left: Double, right: Double)
    /// A quantity that orders the node's candidate splits as the impurity decrease does.
    func proxyImprovement() -> Double
    /// The node's value (class fractions, mean or median), written to `value[0..<valueWidth]`.
    func nodeValue(_ value: UnsafeMutablePointer<Double>)
}

extension NodeCriterion {
    var weightedRight: Double { weightedNode - weightedLeft }

    /// −(w_R · I_R + w_L · I_L), in scikit-learn's order of operations.
    func defaultProxy() -> Double {
        let (left, right) = childrenImpurity()
        return -weightedRight * right - weightedLeft * left
    }
}

/// Weighted class counts for Gini or entropy (scikit-learn's `ClassificationCriterion`, `Gini`, `Entropy`).
final class ClassCountCriterion: NodeCriterion {
    let valueWidth: Int
    private let classes: UnsafeBufferPointer<Int32>
    private let weights: UnsafeBufferPointer<Double>?
    private let entropy: Bool
    private let total: UnsafeMutablePointer<Double>, left: UnsafeMutablePointer<Double>
    private(set) var weightedNode = 0.0, weightedLeft = 0.0

    /// Counts over `classes` (indices 0..<classCount) with optional per-sample `weights`.
    init(classes: UnsafeBufferPointer<Int32>, classCount: Int, weights: UnsafeBufferPointer<Double>?, entropy: Bool) {
        valueWidth = classCount
        self.classes = classes
        self.weights = weights
        self.entropy = entropy
        total = .allocate(capacity: classCount)
        left = .allocate(capacity: classCount)
    }

    deinit {
        total.deallocate()
        left.deallocate()
    }

    func startNode(_ samples: UnsafeMutableBufferPointer<Int>) {
        total.update(repeating: 0, count: valueWidth)
        var sum = 0.0
        for i in samples {
            let w = weights?[i] ?? 1
            total[Int(classes[i])] += w
            sum += w
        }
        weightedNode = sum
        resetLeft()
    }

    func resetLeft() {
        left.update(repeating: 0, count: valueWidth)
        weightedLeft = 0
    }

    func moveLeft(_ sample: Int) {
        let w = weights?[sample] ?? 1
        left[Int(classes[sample])] += w
        weightedLeft += w
    }

    func nodeImpurity() -> Double { impurity(of: total, weightedNode) }

    func childrenImpurity() -> (left: Double, right: Double) {
        let wL = weightedLeft, wR = weightedRight
        if entropy {
            var hL = 0.0, hR = 0.0
            for c in 0..<valueWidth {
                var count = left[c]
                if count > 0 { count /= wL; hL -= count * log2Sklearn(count) }
                count = total[c] - left[c]
                if count > 0 { count /= wR; hR -= count * log2Sklearn(count) }
            }
            return (hL, hR)
        }
        var sqL = 0.0, sqR = 0.0
        for c in 0..<valueWidth {
            let l = left[c], r = total[c] - left[c]
            sqL += l * l
            sqR += r * r
        }
        return (1 - sqL / (wL * wL), 1 - sqR / (wR * wR))
    }

    func proxyImprovement() -> Double { defaultProxy() }

    func nodeValue(_ value: UnsafeMutablePointer<Double>) {
        for c in 0..<valueWidth { value[c] = total[c] / weightedNode }
    }

    private func impurity(of counts: UnsafeMutablePointer<Double>, _ w: Double) -> Double {
        if entropy {
            var h = 0.0
            for c in 0..<valueWidth where counts[c] > 0 {
                let p = counts[c] / w
                h -= p * log2Sklearn(p)
            }
            return h
        }
        var sq = 0.0
        for c in 0..<valueWidth { sq += counts[c] * counts[c] }
        return 1 - sq / (w * w)
    }
}

/// log₂ as scikit-learn computes it (`ln(x) / ln(2.0)`, sklearn/tree/_utils.pyx), for bit-identical entropies.
@inline(__always) func log2Sklearn(_ x: Double) -> Double { Foundation.log(x) / Foundation.log(2.0) }

/// Weighted sums of y and y² for the squared error (scikit-learn's `MSE`).
final class SquaredErrorCriterion: NodeCriterion {
    let valueWidth = 1
    private let targets: UnsafeBufferPointer<Double>
    private let weights: UnsafeBufferPointer<Double>?
    private var sumTotal = 0.0, squaresTotal = 0.0, sumLeft = 0.0, squaresLeft = 0.0
    private(set) var weightedNode = 0.0, weightedLeft = 0.0

    init(targets: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>?) {
        self.targets = targets
        self.weights = weights
    }

    func startNode(_ samples: UnsafeMutableBufferPointer<Int>) {
        sumTotal = 0; squaresTotal = 0; weightedNode = 0
        for i in samples {
            let w = weights?[i] ?? 1, y = targets[i]
            sumTotal += w * y
            squaresTotal += w * y * y
            weightedNode += w
        }
        resetLeft()
    }

    func resetLeft() { sumLeft = 0; squaresLeft = 0; weightedLeft = 0 }

    func moveLeft(_ sample: Int) {
        let w = weights?[sample] ?? 1, y = targets[sample]
        sumLeft += w * y
        squaresLeft += w * y * y
        weightedLeft += w
    }

    func nodeImpurity() -> Double {
        let mean = sumTotal / weightedNode
        return squaresTotal / weightedNode - mean * mean
    }

    func childrenImpurity() -> (left: Double, right: Double) {
        let wR = weightedRight, sumRight = sumTotal - sumLeft
        let meanL = sumLeft / weightedLeft, meanR = sumRight / wR
        return (squaresLeft / weightedLeft - meanL * meanL, (squaresTotal - squaresLeft) / wR - meanR * meanR)
    }

    /// S_L² / w_L + S_R² / w_R (the squared error with the node's constant Σ w y² dropped).
    func proxyImprovement() -> Double {
        let sumRight = sumTotal - sumLeft
        return sumLeft * sumLeft / weightedLeft + sumRight * sumRight / weightedRight
    }

    func nodeValue(_ value: UnsafeMutablePointer<Double>) { value[0] = sumTotal / weightedNode }
}
