import AprendizMetrics
import AprendizStatistics
import AprendizTensor
import Foundation

/// The mutual information between each feature and the target, estimated from k nearest neighbours
/// (§16.3; scikit-learn 1.9's `mutual_info_classif` / `mutual_info_regression`), for ``SelectKBest``.
///
/// Continuous columns (and a continuous target) are divided by their standard deviation and get a tiny
/// noise, 1e-10·max(1, mean|x|)·N(0, 1) from `seed`, that breaks ties as Kraskov et al. advise. Then,
/// with ψ the digamma function and k = `neighbors`:
/// ```
/// both continuous (Kraskov, Stögbauer & Grassberger 2004, estimator 1):
///   rᵢ = distance to the k-th neighbour of (xᵢ, yᵢ) in the max-norm,   nₓ,ᵢ = #{j ≠ i : |xⱼ − xᵢ| < rᵢ}
///   I = ψ(n) + ψ(k) − ⟨ψ(nₓ,ᵢ + 1)⟩ − ⟨ψ(n_y,ᵢ + 1)⟩
/// continuous x, discrete d (Ross 2014): over rows whose class has Nᵢ ≥ 2 members,
///   kᵢ = min(k, Nᵢ − 1),   rᵢ = distance to the kᵢ-th neighbour within the class,   mᵢ = #{j : |xⱼ − xᵢ| < rᵢ}
///   I = ψ(n) + ⟨ψ(kᵢ)⟩ − ⟨ψ(Nᵢ)⟩ − ⟨ψ(mᵢ)⟩
/// both discrete: the plug-in Σ p(x, y) ln p(x, y)/(p(x)p(y))   (``mutualInformation(true:predicted:)``)
/// ```
/// Each estimate is clipped at 0; in nats. The noise is not scikit-learn's (another generator): on
/// data without tied values it cannot change a neighbour count, so the scores agree to rounding;
/// with ties (counts, pixels) they agree only on average — mark such columns discrete instead.
/// Defaults: 3 neighbours, every column continuous, seed 0.
public struct MutualInformation: Equatable, Sendable {
    /// The estimator's name in error messages (`Estimator` requirement).
    public static let name = "MutualInformation"

    /// What the target is.
    public enum Target: String, Equatable, Sendable {
        /// Class labels (`mutual_info_classif`).
        case classes
        /// A continuous value (`mutual_info_regression`).
        case continuous
    }

    /// Classes or a continuous target.
    public var target: Target
    /// The k of the k-NN estimators (default 3).
    public var neighbors: Int
    /// The columns holding discrete values (default none: scikit-learn's `discrete_features="auto"` on dense data).
    public var discreteFeatures: Set<Int>
    /// The seed of the tie-breaking noise (default 0).
    public var seed: UInt64

    /// Validates and stores the settings.
    public init(target: Target, neighbors: Int = 3, discreteFeatures: Set<Int> = [], seed: UInt64 = 0) throws(ClassicError) {
        try checkHyperParameter(neighbors >= 1, Self.name, "neighbors", neighbors, "at least 1")
        try checkHyperParameter(discreteFeatures.allSatisfy { $0 >= 0 }, Self.name, "discreteFeatures",
                                discreteFeatures.sorted(), "column indices ≥ 0")
        (self.target, self.neighbors, self.discreteFeatures, self.seed) = (target, neighbors, discreteFeatures, seed)
    }

    /// The estimated mutual information of each column of `x` (`[n, p]`) with `y` (`n` values).
    public func scores(_ x: Tensor, _ y: [Double]) throws(ClassicError) -> [Double] {
        try InputValidation.features(x, for: Self.name)
        guard x.shape[0] == y.count else {
            throw .invalidData(estimator: Self.name, reason: "x has \(x.shape[0]) rows but y has \(y.count) values")
        }
        if let column = discreteFeatures.first(where: { $0 >= x.shape[1] }) {
            throw .invalidData(estimator: Self.name, reason: "discrete feature \(column) is outside the \(x.shape[1]) columns")
        }
        var generator = RandomGenerator(seed: seed)
        let continuous = (0..<x.shape[1]).filter { !discreteFeatures.contains($0) }
        var columns = DenseMatrix(x).columnArrays()
        for j in continuous { columns[j] = Self.scaled(columns[j]) }
        // Noise in scikit-learn's order: row by row over the continuous columns, then the target.
        let sizes = continuous.map { j in 1e-10 * max(1, columns[j].reduce(0) { $0 + abs($1) } / Double(y.count)) }
        for i in 0..<y.count { for (c, j) in continuous.enumerated() { columns[j][i] += sizes[c] * generator.nextNormal() } }
        var target = y
        if self.target == .continuous {
            target = Self.scaled(y)
            let size = 1e-10 * max(1, target.reduce(0) { $0 + abs($1) } / Double(y.count))
            for i in target.indices { target[i] += size * generator.nextNormal() }
        }
        return columns.indices.map { j in
            let discrete = discreteFeatures.contains(j)
            switch (discrete, self.target) {
            case (true, .classes): return mutualInformation(true: Self.codes(columns[j]), predicted: Self.codes(target))
            case (true, .continuous): return KNNMutualInformation.continuousDiscrete(target, Self.codes(columns[j]), neighbors)
            case (false, .classes): return KNNMutualInformation.continuousDiscrete(columns[j], Self.codes(target), neighbors)
            case (false, .continuous): return KNNMutualInformation.continuousContinuous(columns[j], target, neighbors)
            }
        }
    }

    /// v / std(v) (population standard deviation; unchanged when it is 0), as scikit-learn's `scale(with_mean=False)`.
    static func scaled(_ v: [Double]) -> [Double] {
        let n = Double(v.count), mean = v.reduce(0, +) / n
        let deviation = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return deviation > 0 ? v.map { $0 / deviation } : v
    }

    /// Each value's index among the distinct values (sorted).
    static func codes(_ v: [Double]) -> [Int] {
        let distinct = Dictionary(uniqueKeysWithValues: Set(v).sorted().enumerated().map { ($1, $0) })
        return v.map { distinct[$0]! }
    }
}

/// The two k-NN estimators behind ``MutualInformation``, on one-dimensional samples sorted once.
enum KNNMutualInformation {
    /// Kraskov et al.'s estimator for two continuous samples.
    static func continuousContinuous(_ x: [Double], _ y: [Double], _ k: Int) -> Double {
        let n = x.count
        guard n > k else { return 0 }
        let radii = chebyshevKthDistances(x, y, k).map { $0 > 0 ? $0.nextDown : 0 }
        let (sortedX, sortedY) = (x.sorted(), y.sorted())
        var sum = 0.0
        for i in 0..<n {
            sum += digamma(Double(countWithin(sortedX, x[i], radii[i]))) + digamma(Double(countWithin(sortedY, y[i], radii[i])))
        }
        return max(0, digamma(Double(n)) + digamma(Double(k)) - sum / Double(n))
    }

    /// Ross's estimator for a continuous sample `c` and discrete labels `d`.
    static func continuousDiscrete(_ c: [Double], _ d: [Int], _ k: Int) -> Double {
        var members: [Int: [Int]] = [:]
        for (i, label) in d.enumerated() { members[label, default: []].append(i) }
        var kept: [Int] = [], radius: [Double] = [], kAll: [Double] = [], counts: [Double] = []
        for rows in members.values where rows.count > 1 {
            let kk = min(k, rows.count - 1)
            let values = rows.map { c[$0] }
            let sorted = values.sorted()
            for (position, i) in rows.enumerated() {
                let r = kthDistance(sorted, values[position], kk)
                kept.append(i); radius.append(r > 0 ? r.nextDown : 0); kAll.append(Double(kk)); counts.append(Double(rows.count))
            }
        }
        guard !kept.isEmpty else { return 0 }
        let all = kept.map { c[$0] }.sorted(), n = Double(kept.count)
        var sum = 0.0
        for (position, i) in kept.enumerated() {
            sum += digamma(kAll[position]) - digamma(counts[position]) - digamma(Double(countWithin(all, c[i], radius[position])))
        }
        return max(0, digamma(n) + sum / n)
    }

    /// The number of values v of `sorted` with |v − q| ≤ r (q itself included when it is there).
    static func countWithin(_ sorted: [Double], _ q: Double, _ r: Double) -> Int {
        // |v − q| ≤ r is monotone along the sorted values on each side of q: two binary searches.
        func first(_ inside: (Double) -> Bool) -> Int {
            var (low, high) = (0, sorted.count)
            while low < high { let mid = (low + high) / 2; if inside(sorted[mid]) { high = mid } else { low = mid + 1 } }
            return low
        }
        let start = first { $0 >= q || abs($0 - q) <= r }
        let end = first { $0 > q && abs($0 - q) > r }
        return end - start
    }

    /// The distance from q (one of the values of `sorted`) to its k-th nearest other value.
    static func kthDistance(_ sorted: [Double], _ q: Double, _ k: Int) -> Double {
        var position = 0
        while sorted[position] != q { position += 1 }        // q appears; duplicates of it count as neighbours
        var (left, right, distance) = (position - 1, position + 1, 0.0)
        for _ in 0..<k {
            let l = left >= 0 ? q - sorted[left] : .infinity, r = right < sorted.count ? sorted[right] - q : .infinity
            if l <= r { distance = l; left -= 1 } else { distance = r; right += 1 }
        }
        return distance
    }

    /// Each point's distance to its k-th nearest other point of (x, y) under max(|Δx|, |Δy|): a sweep
    /// outwards along x from each point, stopping once |Δx| exceeds the k-th best.
    static func chebyshevKthDistances(_ x: [Double], _ y: [Double], _ k: Int) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var result = [Double](repeating: 0, count: x.count)
        for (position, i) in order.enumerated() {
            var best: [Double] = []                      // the k smallest so far, ascending
            func offer(_ j: Int) {
                let d = max(abs(x[j] - x[i]), abs(y[j] - y[i]))
                guard best.count < k || d < best[k - 1] else { return }
                best.insert(d, at: best.firstIndex { $0 > d } ?? best.count)
                if best.count > k { best.removeLast() }
            }
            var (left, right) = (position - 1, position + 1)
            while left >= 0 || right < order.count {
                let bound = best.count == k ? best[k - 1] : .infinity
                let l = left >= 0 ? abs(x[order[left]] - x[i]) : .infinity
                let r = right < order.count ? abs(x[order[right]] - x[i]) : .infinity
                if min(l, r) > bound { break }
                if l <= r { offer(order[left]); left -= 1 } else { offer(order[right]); right += 1 }
            }
            result[i] = best[k - 1]
        }
        return result
    }
}
