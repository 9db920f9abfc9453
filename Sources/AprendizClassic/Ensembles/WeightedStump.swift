import AprendizTensor

/// A depth-1 classification tree fitted with sample weights — AdaBoost's weak learner (scikit-learn's
/// `DecisionTreeClassifier(max_depth=1)`, Gini criterion). It is kept tiny and private to the ensembles
/// because the full CART trees live in `Trees/` (another part of the project):
/// ```
/// choose (feature j, threshold t) minimising  W_L·Gini(L) + W_R·Gini(R),   Gini = 1 − Σ_k p_k²  (weighted)
/// t = (x_(i) + x_(i+1)) / 2 between consecutive distinct values;  each side predicts its heaviest class
/// ```
/// Ties between features go to the lowest feature index (scikit-learn breaks them in a random feature order).
struct WeightedStump: Sendable, Equatable {
    /// The split feature and threshold (x ≤ threshold goes left); feature −1 for a single leaf.
    var feature: Int, threshold: Double
    /// The class index predicted on each side.
    var leftClass: Int, rightClass: Int

    /// Fits on rows of `x` (`[n, d]` row-major), class indices `y` in 0 ..< classes, weights `w`.
    init(x: UnsafeBufferPointer<Float>, d: Int, y: [Int], w: [Double], classes: Int) {
        let n = y.count
        var total = [Double](repeating: 0, count: classes)
        for i in 0..<n { total[y[i]] += w[i] }
        let majority = total.indices.max { total[$0] < total[$1] || (total[$0] == total[$1] && $0 > $1) }!
        feature = -1; threshold = 0; leftClass = majority; rightClass = majority
        func gini(_ c: [Double], _ weight: Double) -> Double {
            weight <= 0 ? 0 : 1 - c.reduce(0) { $0 + ($1 / weight) * ($1 / weight) }
        }
        let totalWeight = total.reduce(0, +)
        guard gini(total, totalWeight) > 1e-7 else { return }   // a pure node stays a leaf
        var best = Double.infinity, bestLeft = total
        for f in 0..<d {
            let order = (0..<n).sorted { x[$0 * d + f] < x[$1 * d + f] || (x[$0 * d + f] == x[$1 * d + f] && $0 < $1) }
            var left = [Double](repeating: 0, count: classes), leftWeight = 0.0
            for p in 0..<(n - 1) {
                let i = order[p]
                left[y[i]] += w[i]; leftWeight += w[i]
                let a = x[i * d + f], b = x[order[p + 1] * d + f]
                guard a < b else { continue }
                let right = zip(total, left).map { $0 - $1 }, rightWeight = totalWeight - leftWeight
                let impurity = leftWeight * gini(left, leftWeight) + rightWeight * gini(right, rightWeight)
                if impurity < best - 1e-12 * totalWeight {
                    best = impurity
                    feature = f
                    var t = Double(a) / 2 + Double(b) / 2
                    if t == Double(b) { t = Double(a) }
                    threshold = t
                    bestLeft = left
                }
            }
        }
        if feature >= 0 {
            let bestRight = zip(total, bestLeft).map { $0 - $1 }
            leftClass = bestLeft.indices.max { bestLeft[$0] < bestLeft[$1] || (bestLeft[$0] == bestLeft[$1] && $0 > $1) }!
            rightClass = bestRight.indices.max { bestRight[$0] < bestRight[$1] || (bestRight[$0] == bestRight[$1] && $0 > $1) }!
        }
    }

    init(feature: Int, threshold: Double, leftClass: Int, rightClass: Int) {
        self.feature = feature; self.threshold = threshold; self.leftClass = leftClass; self.rightClass = rightClass
    }

    /// The class index predicted for row `row` (length ≥ feature + 1).
    @inline(__always) func predict(_ row: UnsafePointer<Float>) -> Int {
        feature < 0 || Double(row[feature]) <= threshold ? leftClass : rightClass
    }
}
