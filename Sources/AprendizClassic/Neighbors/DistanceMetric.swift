import AprendizTensor
import Foundation

/// A distance between two feature vectors a, b ∈ ℝᵈ for neighbour searches (§14 k-nearest neighbours; the
/// Minkowski family as scikit-learn's `DistanceMetric`):
/// ```
/// Minkowski p:        d(a, b) = (Σⱼ |aⱼ − bⱼ|ᵖ)^(1/p)          (p ≥ 1)
/// euclidean (p = 2):  d(a, b) = √(Σⱼ (aⱼ − bⱼ)²)
/// manhattan (p = 1):  d(a, b) = Σⱼ |aⱼ − bⱼ|
/// chebyshev (p = ∞):  d(a, b) = maxⱼ |aⱼ − bⱼ|
/// squared euclidean:  d(a, b) = Σⱼ (aⱼ − bⱼ)²
/// cosine:             d(a, b) = 1 − a·b / (‖a‖ ‖b‖)        (a zero vector is at distance 1 from all)
/// ```
/// `minkowski(p: 1)`, `(p: 2)` and `(p: .infinity)` are the same metrics as `manhattan`, `euclidean` and
/// `chebyshev` (``normalized``). Default for the k-NN estimators: euclidean (scikit-learn's `minkowski`, p = 2).
public enum DistanceMetric: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// √Σ(aⱼ − bⱼ)².
    case euclidean
    /// Σ(aⱼ − bⱼ)² (not a metric — no triangle inequality — but the same neighbours as euclidean).
    case squaredEuclidean
    /// Σ|aⱼ − bⱼ| (city block, L1).
    case manhattan
    /// max|aⱼ − bⱼ| (L∞).
    case chebyshev
    /// (Σ|aⱼ − bⱼ|ᵖ)^(1/p), p ≥ 1.
    case minkowski(p: Double)
    /// 1 − cos∠(a, b).
    case cosine

    /// The same metric with `minkowski(p:)` for p = 1, 2, ∞ replaced by its named case.
    public var normalized: DistanceMetric {
        guard case .minkowski(let p) = self else { return self }
        switch p {
        case 1: return .manhattan
        case 2: return .euclidean
        case .infinity: return .chebyshev
        default: return self
        }
    }

    /// The metric's name as the command line writes it (`euclidean`, `minkowski(p=3.0)`).
    public var description: String {
        switch self {
        case .euclidean: "euclidean"
        case .squaredEuclidean: "sqeuclidean"
        case .manhattan: "manhattan"
        case .chebyshev: "chebyshev"
        case .minkowski(let p): "minkowski(p=\(p))"
        case .cosine: "cosine"
        }
    }

    /// The metric called `name` (`euclidean`, `sqeuclidean`, `manhattan`/`cityblock`/`l1`, `chebyshev`, `cosine`,
    /// `minkowski` with exponent `p`), or nil for an unknown name. The default `p` = 2 makes `minkowski` euclidean.
    public static func named(_ name: String, p: Double = 2) -> DistanceMetric? {
        switch CatalogueLookup.normalized(name) {
        case "euclidean", "l2": .euclidean
        case "sqeuclidean", "squared-euclidean": .squaredEuclidean
        case "manhattan", "cityblock", "l1": .manhattan
        case "chebyshev", "infinity": .chebyshev
        case "cosine": .cosine
        case "minkowski": DistanceMetric.minkowski(p: p).normalized
        default: nil
        }
    }

    /// The metric names ``named(_:p:)`` accepts, for help texts.
    public static let names = ["euclidean", "sqeuclidean", "manhattan", "chebyshev", "minkowski", "cosine"]

    /// Whether a k-d tree can answer queries for this metric (it needs a coordinate-wise Minkowski form).
    public var supportsKDTree: Bool { self != .cosine }

    /// Checks the exponent of `minkowski(p:)`; throws naming `estimator`.
    func validate(for estimator: String) throws(ClassicError) {
        if case .minkowski(let p) = self {
            try checkHyperParameter(p >= 1 && !p.isNaN, estimator, "metric.p", p, "≥ 1 (p < 1 is not a metric)")
        }
    }
}

/// How a metric is computed inside the searches: on a *reduced* distance that orders points the same
/// way and is cheaper (no root), as scikit-learn's `rdist`.
enum ReducedDistance: Sendable, Equatable {
    /// Σ(aⱼ − bⱼ)²; the distance is √r (euclidean) or r itself (squared euclidean).
    case squared(root: Bool)
    /// Σ|aⱼ − bⱼ|.
    case absolute
    /// max|aⱼ − bⱼ|.
    case maximum
    /// Σ|aⱼ − bⱼ|ᵖ; the distance is r^(1/p).
    case power(Double)
    /// 1 − âᵀb̂ on unit-normalised rows (zero rows stay zero); brute force only.
    case cosine

    init(_ metric: DistanceMetric) {
        switch metric.normalized {
        case .euclidean: self = .squared(root: true)
        case .squaredEuclidean: self = .squared(root: false)
        case .manhattan: self = .absolute
        case .chebyshev: self = .maximum
        case .minkowski(let p): self = .power(p)
        case .cosine: self = .cosine
        }
    }

    /// The reduced distance of one coordinate difference |aⱼ − bⱼ| = `difference` (≥ 0), to be combined by ``combine``.
    @inline(__always) func term(_ difference: Double) -> Double {
        switch self {
        case .squared: difference * difference
        case .absolute, .maximum: difference
        case .power(let p): pow(difference, p)
        case .cosine: preconditionFailure("ReducedDistance: cosine has no coordinate-wise form")
        }
    }

    /// Two partial reduced distances combined (a sum, or the maximum for chebyshev).
    @inline(__always) func combine(_ a: Double, _ b: Double) -> Double {
        if case .maximum = self { return Swift.max(a, b) }
        return a + b
    }

    /// The reduced distance between `a` and `b` (`count` coordinates each), computed directly.
    @inline(__always) func between(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var total = 0.0
        switch self {
        case .squared:
            for j in 0..<count { let t = a[j] - b[j]; total += t * t }
        case .cosine:
            for j in 0..<count { total += a[j] * b[j] }
            return Swift.min(Swift.max(1 - total, 0), 2)
        case .absolute:
            for j in 0..<count { total += abs(a[j] - b[j]) }
        case .maximum:
            for j in 0..<count { total = Swift.max(total, abs(a[j] - b[j])) }
        case .power(let p):
            for j in 0..<count { total += pow(abs(a[j] - b[j]), p) }
        }
        return total
    }

    /// The metric's distance from a reduced distance.
    @inline(__always) func distance(_ reduced: Double) -> Double {
        switch self {
        case .squared(let root): root ? reduced.squareRoot() : reduced
        case .absolute, .maximum, .cosine: reduced
        case .power(let p): pow(reduced, 1 / p)
        }
    }

    /// The reduced distance of a metric distance (the inverse of ``distance(_:)``).
    func reduced(_ distance: Double) -> Double {
        switch self {
        case .squared(let root): root ? distance * distance : distance
        case .absolute, .maximum, .cosine: distance
        case .power(let p): pow(distance, p)
        }
    }
}
