import AprendizTensor

/// Polynomial and interaction features (§12.3, polynomial regression = these + ``LinearRegression``;
/// scikit-learn's `PolynomialFeatures`): every monomial of the inputs up to `degree`, in scikit-learn's order
/// ```
/// [x₁, x₂], degree 2  →  [1, x₁, x₂, x₁², x₁x₂, x₂²]
/// ```
/// Defaults as scikit-learn: degree 2, bias column included, powers allowed (not interaction-only).
public struct PolynomialFeatures: Transformer, Equatable, Codable {
    public static let name = "PolynomialFeatures"
    /// The highest total degree (≥ 1).
    public var degree: Int
    /// Whether to include interaction terms only (no x², x³…).
    public var interactionOnly: Bool
    /// Whether to start with the constant column 1.
    public var includeBias: Bool

    /// Validates and stores the hyper-parameters.
    public init(degree: Int = 2, interactionOnly: Bool = false, includeBias: Bool = true) throws(ClassicError) {
        try checkHyperParameter(degree >= 1, Self.name, "degree", degree, "≥ 1")
        self.degree = degree
        self.interactionOnly = interactionOnly
        self.includeBias = includeBias
    }

    public func fit(_ x: Tensor) throws(ClassicError) -> PolynomialExpansion {
        try InputValidation.features(x, for: Self.name)
        var terms: [[Int]] = includeBias ? [[]] : []
        for d in 1...degree {
            terms += combinations(of: x.shape[1], size: d).filter { !interactionOnly || Set($0).count == $0.count }
        }
        return PolynomialExpansion(featureCount: x.shape[1], terms: terms)
    }

    /// Non-decreasing index tuples of length `size` from 0..<n, in lexicographic order.
    private func combinations(of n: Int, size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        return combinations(of: n, size: size - 1).flatMap { prefix in
            ((prefix.last ?? 0)..<n).map { prefix + [$0] }
        }
    }
}

/// The fitted ``PolynomialFeatures``: each output column is the product of the input columns in its term.
public struct PolynomialExpansion: FittedTransform, Equatable {
    /// The number of input features.
    public let featureCount: Int
    /// The input columns multiplied for each output column (empty: the constant 1).
    public let terms: [[Int]]

    /// `[count, terms.count]`.
    public func transform(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "PolynomialExpansion: x has shape \(x.shape), expected [count, \(featureCount)]")
        let rows = x.shape[0], source = x.scalars
        var out = [Float](repeating: 1, count: rows * terms.count)
        for i in 0..<rows {
            for (t, term) in terms.enumerated() {
                var product: Float = 1
                for j in term { product *= source[i * featureCount + j] }
                out[i * terms.count + t] = product
            }
        }
        return Tensor(shape: [rows, terms.count], scalars: out)
    }
}
