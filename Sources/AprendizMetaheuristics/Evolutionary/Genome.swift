import AprendizTensor

/// How a genetic algorithm encodes a point of the search box (§11.1).
///
/// ```
/// real:    genes = (x₁, …, xₙ)                                  L = n
/// binary:  genes = (b₁₁ … b₁ₖ, …, bₙ₁ … bₙₖ) ∈ {0, 1},           L = n·k
///          xᵢ = lowerᵢ + (Σⱼ bᵢⱼ 2^(k−j)) / (2ᵏ − 1) · (upperᵢ − lowerᵢ)
/// ```
/// The binary form is Holland's classic GA (Holland 1975; Goldberg 1989, ch. 1): each variable a
/// k-bit unsigned integer scaled onto its interval, so the grid has 2ᵏ points per coordinate.
public enum Genome: Sendable, Equatable {
    /// One real gene per coordinate.
    case real
    /// `bitsPerVariable` bits per coordinate (1…24), most significant first.
    case binary(bitsPerVariable: Int)

    /// L, the number of genes for n coordinates.
    func length(dimensions n: Int) -> Int {
        switch self {
        case .real: n
        case .binary(let k): n * k
        }
    }

    /// Stops with a message naming the setting when it cannot be used.
    func validate() {
        if case .binary(let k) = self {
            require((1...24).contains(k), "GeneticAlgorithm: invalid bits per variable \(k) (expected 1…24)")
        }
    }

    /// The coordinate a gene encodes.
    func variable(ofGene gene: Int) -> Int {
        switch self {
        case .real: gene
        case .binary(let k): gene / k
        }
    }

    /// `count` random genomes: real genes uniform in the box, bits fair coin flips.
    func randomPopulation(_ count: Int, bounds: SearchBounds, using generator: inout RandomGenerator) -> [Float] {
        switch self {
        case .real:
            return bounds.uniformPopulation(count, using: &generator)
        case .binary:
            let total = count * length(dimensions: bounds.dimensions)
            return (0..<total).map { _ in Float(generator.next() >> 63) }
        }
    }

    /// The points (row after row) that `count` genomes encode.
    func decode(_ genomes: [Float], count: Int, bounds: SearchBounds) -> [Float] {
        guard case .binary(let k) = self else { return genomes }
        let n = bounds.dimensions, scale = 1 / Double((1 << k) - 1)
        var points = [Float](repeating: 0, count: count * n)
        for row in 0..<count {
            for i in 0..<n {
                var integer = 0
                for j in 0..<k { integer = integer << 1 | (genomes[(row * n + i) * k + j] >= 0.5 ? 1 : 0) }
                let fraction = Double(integer) * scale
                points[row * n + i] = bounds.clamped(Float(Double(bounds.lower[i]) + fraction * Double(bounds.width(i))), i)
            }
        }
        return points
    }
}
