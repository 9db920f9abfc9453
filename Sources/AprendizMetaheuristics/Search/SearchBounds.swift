import AprendizTensor

/// The box a population-based minimizer searches: lowerᵢ ≤ xᵢ ≤ upperᵢ for every coordinate.
///
/// The initial population is drawn uniformly in the box, and every method keeps the points it
/// evaluates inside it (each method's doc comment says how: clipping, reflection or redrawing).
public struct SearchBounds: Sendable, Equatable {
    /// The lower bound of each coordinate.
    public let lower: [Float]
    /// The upper bound of each coordinate.
    public let upper: [Float]

    /// Bounds per coordinate; both finite with lowerᵢ < upperᵢ (stops with a message otherwise).
    public init(lower: [Float], upper: [Float]) {
        require(!lower.isEmpty && lower.count == upper.count,
                "SearchBounds: \(lower.count) lower bounds and \(upper.count) upper bounds (expected the same number, ≥ 1)")
        for i in lower.indices {
            require(lower[i].isFinite && upper[i].isFinite && lower[i] < upper[i],
                    "SearchBounds: invalid bounds [\(lower[i]), \(upper[i])] for coordinate \(i) (expected finite lower < upper)")
        }
        self.lower = lower
        self.upper = upper
    }

    /// The same interval for each of `dimensions` coordinates.
    public init(_ range: ClosedRange<Float>, dimensions: Int) {
        require(dimensions >= 1, "SearchBounds: invalid number of dimensions \(dimensions) (expected ≥ 1)")
        self.init(lower: Array(repeating: range.lowerBound, count: dimensions),
                  upper: Array(repeating: range.upperBound, count: dimensions))
    }

    /// n, the number of coordinates.
    public var dimensions: Int { lower.count }

    /// upperᵢ − lowerᵢ.
    public func width(_ i: Int) -> Float { upper[i] - lower[i] }

    /// Whether every coordinate of `point` lies in the box.
    public func contains(_ point: [Float]) -> Bool {
        point.count == dimensions && point.indices.allSatisfy { lower[$0] <= point[$0] && point[$0] <= upper[$0] }
    }

    /// x with coordinate i limited to [lowerᵢ, upperᵢ].
    func clamped(_ x: Float, _ i: Int) -> Float { Swift.min(Swift.max(x, lower[i]), upper[i]) }

    /// A uniform draw in [lowerᵢ, upperᵢ].
    func uniform(_ i: Int, using generator: inout RandomGenerator) -> Float {
        clamped(lower[i] + generator.nextUniform() * width(i), i)
    }

    /// `count` points drawn uniformly in the box, row after row.
    func uniformPopulation(_ count: Int, using generator: inout RandomGenerator) -> [Float] {
        var points = [Float](repeating: 0, count: count * dimensions)
        for row in 0..<count { for i in 0..<dimensions { points[row * dimensions + i] = uniform(i, using: &generator) } }
        return points
    }
}
