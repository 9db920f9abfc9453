import AprendizTensor
import Foundation

/// How a genetic algorithm perturbs a child genome, gene by gene with probability p (§11.1).
///
/// ```
/// gaussian(σ):    xᵢ ← xᵢ + N(0, (σ·(upperᵢ − lowerᵢ))²)
/// polynomial(η):  u ~ U[0, 1), δ₁ = (xᵢ − lowerᵢ)/wᵢ, δ₂ = (upperᵢ − xᵢ)/wᵢ, wᵢ = upperᵢ − lowerᵢ  (Deb & Goyal 1996;
///                 DEAP's mutPolynomialBounded)
///                 u < ½: δ = (2u + (1 − 2u)(1 − δ₁)^(η+1))^(1/(η+1)) − 1
///                 else:  δ = 1 − (2(1 − u) + 2(u − ½)(1 − δ₂)^(η+1))^(1/(η+1))
///                 xᵢ ← xᵢ + δ·wᵢ
/// bitFlip:        bᵢ ← 1 − bᵢ
/// ```
/// Gaussian and polynomial mutation need real genes, bit flips binary ones; results are clipped
/// to the box. Default probability p = 1/L (one gene per child on average).
public enum Mutation: Sendable, Equatable {
    /// Additive normal noise whose standard deviation is `scale` times the coordinate's interval.
    case gaussian(scale: Float)
    /// Deb's bounded polynomial mutation with distribution index η.
    case polynomial(eta: Float)
    /// Each bit flipped.
    case bitFlip

    /// Stops with a message naming the bad setting.
    func validate(genome: Genome) {
        switch self {
        case .gaussian(let scale):
            require(genome == .real, "GeneticAlgorithm: Gaussian mutation needs a real genome, got \(genome)")
            require(scale > 0 && scale.isFinite, "GeneticAlgorithm: invalid Gaussian mutation scale \(scale) (expected > 0)")
        case .polynomial(let eta):
            require(genome == .real, "GeneticAlgorithm: polynomial mutation needs a real genome, got \(genome)")
            require(eta >= 0 && eta.isFinite, "GeneticAlgorithm: invalid polynomial mutation index \(eta) (expected ≥ 0)")
        case .bitFlip:
            require(genome != .real, "GeneticAlgorithm: bit-flip mutation needs a binary genome, got \(genome)")
        }
    }

    /// Mutates each gene of `genes` with probability `probability`; `bounds` are the box of real genes.
    func mutate(_ genes: inout ArraySlice<Float>, probability: Float, bounds: SearchBounds,
                using generator: inout RandomGenerator) {
        let start = genes.startIndex
        for g in 0..<genes.count where generator.nextUniform() < probability {
            let index = start + g
            switch self {
            case .gaussian(let scale):
                genes[index] = bounds.clamped(genes[index] + Float(generator.nextNormal()) * scale * bounds.width(g), g)
            case .polynomial(let eta):
                genes[index] = bounds.clamped(polynomial(genes[index], g, eta: Double(eta), bounds: bounds, using: &generator), g)
            case .bitFlip:
                genes[index] = 1 - genes[index]
            }
        }
    }

    private func polynomial(_ x: Float, _ i: Int, eta: Double, bounds: SearchBounds, using generator: inout RandomGenerator) -> Float {
        let width = Double(bounds.width(i)), value = Double(x)
        let delta1 = (value - Double(bounds.lower[i])) / width, delta2 = (Double(bounds.upper[i]) - value) / width
        let u = Double(generator.nextUniform()), power = 1 / (eta + 1)
        let delta = u < 0.5
            ? pow(2 * u + (1 - 2 * u) * pow(1 - delta1, eta + 1), power) - 1
            : 1 - pow(2 * (1 - u) + 2 * (u - 0.5) * pow(1 - delta2, eta + 1), power)
        return Float(value + delta * width)
    }
}
