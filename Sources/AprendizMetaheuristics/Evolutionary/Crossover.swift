import AprendizTensor
import Foundation

/// How a genetic algorithm mixes two parent genomes a, b into two children (§11.1).
///
/// ```
/// onePoint:            cut c ∈ {1, …, L−1}; children a[..<c] + b[c...] and b[..<c] + a[c...]
/// twoPoint:            cuts c₁ < c₂; swap the genes in [c₁, c₂)
/// uniform(p):          swap each gene with probability p (Syswerda 1989)
/// blend(α) (BLX-α):    each child gene uniform in [min − αd, max + αd], d = |aᵢ − bᵢ|  (Eshelman & Schaffer 1993)
/// simulatedBinary(η):  bounded SBX as Deb's NSGA-II C code (DEAP's cxSimulatedBinaryBounded; Deb & Agrawal 1995):
///                      for each gene with probability ½ and x₁ = min(aᵢ, bᵢ) < x₂ = max(aᵢ, bᵢ):
///                      u ~ U[0, 1);  for each side, β = 1 + 2(x₁ − lowerᵢ)/(x₂ − x₁)  (or 1 + 2(upperᵢ − x₂)/(x₂ − x₁)),
///                      α = 2 − β^−(η+1),  β_q = (uα)^(1/(η+1)) if u ≤ 1/α else (1/(2 − uα))^(1/(η+1))
///                      c₁ = ½(x₁ + x₂ − β_q(x₂ − x₁)),   c₂ = ½(x₁ + x₂ + β_q(x₂ − x₁))
///                      the two children get c₁, c₂ in random order (so SBX also exchanges genes)
/// ```
/// One-point, two-point and uniform work on both genomes; BLX-α and SBX need real genes. Children
/// outside the box are clipped. Defaults used by ``GeneticAlgorithm``: SBX with η = 15 for real
/// genomes, two-point for binary ones.
public enum Crossover: Sendable, Equatable {
    /// One cut point.
    case onePoint
    /// Two cut points; the middle segment is exchanged.
    case twoPoint
    /// Each gene exchanged with probability `swapProbability`.
    case uniform(swapProbability: Float)
    /// BLX-α: children drawn around the parents' interval, widened by α on each side.
    case blend(alpha: Float)
    /// Simulated binary crossover with distribution index η (large η: children near the parents).
    case simulatedBinary(eta: Float)

    /// Stops with a message naming the bad setting.
    func validate(genome: Genome) {
        switch self {
        case .onePoint, .twoPoint: break
        case .uniform(let p):
            require(p >= 0 && p <= 1, "GeneticAlgorithm: invalid uniform crossover swap probability \(p) (expected 0…1)")
        case .blend(let alpha):
            require(genome == .real, "GeneticAlgorithm: BLX-α crossover needs a real genome, got \(genome)")
            require(alpha >= 0 && alpha.isFinite, "GeneticAlgorithm: invalid BLX-α alpha \(alpha) (expected ≥ 0)")
        case .simulatedBinary(let eta):
            require(genome == .real, "GeneticAlgorithm: simulated binary crossover needs a real genome, got \(genome)")
            require(eta >= 0 && eta.isFinite, "GeneticAlgorithm: invalid SBX distribution index \(eta) (expected ≥ 0)")
        }
    }

    /// Crosses the genomes `a` and `b` (both of length L) in place; `bounds` bound real genes (SBX).
    func cross(_ a: inout ArraySlice<Float>, _ b: inout ArraySlice<Float>, bounds: SearchBounds,
               using generator: inout RandomGenerator) {
        let length = a.count, (start, other) = (a.startIndex, b.startIndex)
        switch self {
        case .onePoint:
            guard length >= 2 else { return }
            let cut = 1 + Int(generator.next() % UInt64(length - 1))
            for g in cut..<length { swap(&a[start + g], &b[other + g]) }
        case .twoPoint:
            guard length >= 2 else { return }
            var first = Int(generator.next() % UInt64(length + 1)), second = Int(generator.next() % UInt64(length + 1))
            if first > second { Swift.swap(&first, &second) }
            for g in first..<second { swap(&a[start + g], &b[other + g]) }
        case .uniform(let p):
            for g in 0..<length where generator.nextUniform() < p { swap(&a[start + g], &b[other + g]) }
        case .blend(let alpha):
            for g in 0..<length {
                let (x, y) = (a[start + g], b[other + g])
                let d = abs(x - y), low = min(x, y) - alpha * d
                a[start + g] = low + generator.nextUniform() * (d + 2 * alpha * d)
                b[other + g] = low + generator.nextUniform() * (d + 2 * alpha * d)
            }
        case .simulatedBinary(let eta):
            for g in 0..<length where generator.nextUniform() < 0.5 {
                let (x1, x2) = (Double(min(a[start + g], b[other + g])), Double(max(a[start + g], b[other + g])))
                guard x2 - x1 > 1e-14 else { continue }
                let u = generator.nextUniformDouble()
                let (lower, upper) = (Double(bounds.lower[g]), Double(bounds.upper[g]))
                let low = x1 + x2 - spread(1 + 2 * (x1 - lower) / (x2 - x1), u, Double(eta)) * (x2 - x1)
                let high = x1 + x2 + spread(1 + 2 * (upper - x2) / (x2 - x1), u, Double(eta)) * (x2 - x1)
                let (c1, c2) = (bounds.clamped(Float(0.5 * low), g), bounds.clamped(Float(0.5 * high), g))
                if generator.nextUniform() < 0.5 {
                    (a[start + g], b[other + g]) = (c2, c1)
                } else {
                    (a[start + g], b[other + g]) = (c1, c2)
                }
            }
        }
    }

    /// β_q of bounded SBX for the distance ratio β to one bound.
    private func spread(_ beta: Double, _ u: Double, _ eta: Double) -> Double {
        let alpha = 2 - pow(beta, -(eta + 1))
        return u <= 1 / alpha ? pow(u * alpha, 1 / (eta + 1)) : pow(1 / (2 - u * alpha), 1 / (eta + 1))
    }

    private func swap(_ x: inout Float, _ y: inout Float) { (x, y) = (y, x) }
}
