/// How many features a tree examines when it looks for the best split of a node (scikit-learn's
/// `max_features`; Breiman 2001 §4 for random forests):
/// ```
/// all          every feature (the default of a single tree and of scikit-learn's forest regressors)
/// sqrt         max(1, ⌊√p⌋)   (the default of random-forest and extra-trees classifiers)
/// log2         max(1, ⌊log₂ p⌋)
/// count(k)     min(k, p)
/// fraction(f)  max(1, ⌊f · p⌋),  0 < f ≤ 1
/// ```
/// When every examined feature is constant in a node, more features are drawn until one is not
/// (scikit-learn does the same), so a split is never missed only because of an unlucky draw.
public enum MaxFeatures: Sendable, Equatable, CustomStringConvertible {
    /// Every feature.
    case all
    /// ⌊√p⌋ features.
    case sqrt
    /// ⌊log₂ p⌋ features.
    case log2
    /// A fixed number of features.
    case count(Int)
    /// A fraction of the features.
    case fraction(Double)

    /// The number of features examined out of `featureCount`.
    public func resolved(_ featureCount: Int) -> Int {
        let p = Double(featureCount)
        let k = switch self {
        case .all: featureCount
        case .sqrt: Int(p.squareRoot())
        case .log2: Int(Foundation.log2(p))
        case .count(let k): k
        case .fraction(let f): Int(f * p)
        }
        return min(featureCount, max(1, k))
    }

    /// Whether the value is allowed (`count ≥ 1`, `0 < fraction ≤ 1`).
    var isValid: Bool {
        switch self {
        case .all, .sqrt, .log2: true
        case .count(let k): k >= 1
        case .fraction(let f): f > 0 && f <= 1
        }
    }

    /// Reads `all`, `sqrt`, `log2`, an integer (`10`) or a fraction (`0.5`); nil for anything else.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "all", "none": self = .all
        case "sqrt": self = .sqrt
        case "log2": self = .log2
        default:
            if let k = Int(text) { self = .count(k) } else if let f = Double(text) { self = .fraction(f) } else { return nil }
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .sqrt: "sqrt"
        case .log2: "log2"
        case .count(let k): "\(k)"
        case .fraction(let f): "\(f)"
        }
    }
}

import Foundation
