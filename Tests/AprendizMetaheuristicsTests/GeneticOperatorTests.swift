import Aprendiz
@testable import AprendizMetaheuristics
import AprendizTestSupport
import Testing

/// The genetic algorithm's operators against values derived by hand from their definitions.
struct GeneticOperatorTests {
    @Test func binaryGenomeDecodesOntoTheBox() {
        // 4 bits per variable: 0101 = 5 → −1 + 5/15·3 = 0;  1111 = 15 → upper bound 2.
        let bounds = SearchBounds(-1...2, dimensions: 2)
        let point = Genome.binary(bitsPerVariable: 4).decode([0, 1, 0, 1, 1, 1, 1, 1], count: 1, bounds: bounds)
        expectClose(Tensor(point), Tensor([0, 2]), absolute: 1e-6)
    }

    @Test func cutPointCrossoversOnlyExchangeGenes() {
        var generator = RandomGenerator(seed: 9)
        let bounds = SearchBounds(-10...10, dimensions: 6)
        for crossover in [Crossover.onePoint, .twoPoint, .uniform(swapProbability: 0.5)] {
            for _ in 0..<20 {
                var a = ArraySlice<Float>([1, 2, 3, 4, 5, 6]), b = ArraySlice<Float>([-1, -2, -3, -4, -5, -6])
                crossover.cross(&a, &b, bounds: bounds, using: &generator)
                // Each position keeps the pair {i, −i}, one in each child.
                for i in 0..<6 { #expect(Set([a[i], b[i]]) == Set([Float(i + 1), -Float(i + 1)]), "\(crossover)") }
            }
        }
    }

    @Test func onePointCrossoverSwapsOneTail() {
        var generator = RandomGenerator(seed: 4)
        var a = ArraySlice<Float>([1, 1, 1, 1, 1]), b = ArraySlice<Float>([0, 0, 0, 0, 0])
        Crossover.onePoint.cross(&a, &b, bounds: SearchBounds(0...1, dimensions: 5), using: &generator)
        // A head of 1s then a tail of 0s, the cut inside the genome.
        let cut = a.firstIndex(of: 0)!
        #expect(cut >= 1 && cut <= 4 && a[cut...].allSatisfy { $0 == 0 } && b[..<cut].allSatisfy { $0 == 0 })
    }

    @Test func simulatedBinaryCrossoverKeepsTheParentsMean() {
        // Far from the bounds β → ∞, α → 2, and both sides use the same β_q:
        // c₁ + c₂ = ½(x₁ + x₂ − β_q d) + ½(x₁ + x₂ + β_q d) = a + b (Deb & Agrawal 1995).
        var generator = RandomGenerator(seed: 2)
        let far = SearchBounds(-1e6...1e6, dimensions: 3)
        for _ in 0..<50 {
            var a = ArraySlice<Float>([0.5, -2, 3]), b = ArraySlice<Float>([1.5, 4, 3.5])
            Crossover.simulatedBinary(eta: 2).cross(&a, &b, bounds: far, using: &generator)
            expectClose(Tensor(Array(a)) + Tensor(Array(b)), Tensor([2, 2, 6.5]), absolute: 1e-4)
        }
        // Near a bound the children stay inside it.
        let tight = SearchBounds(0...1, dimensions: 3)
        for _ in 0..<200 {
            var a = ArraySlice<Float>([0.01, 0.5, 0.99]), b = ArraySlice<Float>([0.02, 0.9, 0.999])
            Crossover.simulatedBinary(eta: 1).cross(&a, &b, bounds: tight, using: &generator)
            #expect(tight.contains(Array(a)) && tight.contains(Array(b)))
        }
    }

    @Test func blendCrossoverStaysInTheWidenedInterval() {
        // BLX-0.5 on a = 1, b = 3: d = 2, children in [1 − 1, 3 + 1] = [0, 4].
        var generator = RandomGenerator(seed: 8)
        var low: Float = .infinity, high: Float = -.infinity
        for _ in 0..<2000 {
            var a = ArraySlice<Float>([1]), b = ArraySlice<Float>([3])
            Crossover.blend(alpha: 0.5).cross(&a, &b, bounds: SearchBounds(-10...10, dimensions: 1), using: &generator)
            low = min(low, a[0], b[0]); high = max(high, a[0], b[0])
        }
        #expect(low >= 0 && high <= 4 && low < 0.05 && high > 3.95)
    }

    @Test func rankSelectionFollowsBakersProbabilities() {
        // μ = 4, s = 1.5: P(r) = (1.5 − r/3)/4 → 0.375, 0.2917, 0.2083, 0.125 for ranks 0…3.
        var generator = RandomGenerator(seed: 1)
        let values: [Float] = [3, 0, 2, 1]                // ranks: index 1 → 0, 3 → 1, 2 → 2, 0 → 3
        let picks = Selection.rank(pressure: 1.5).select(values, count: 200_000, using: &generator)
        var counts = [0, 0, 0, 0]
        for p in picks { counts[p] += 1 }
        let frequencies = counts.map { Float($0) / 200_000 }
        expectClose(Tensor(frequencies), Tensor([0.125, 0.375, 0.208_333, 0.291_667]), absolute: 4e-3)
    }

    @Test func rouletteIsProportionalToTheDistanceFromTheWorst() {
        // f = (0, 1, 3): fitness (3, 2, 0) + ε → P ≈ (0.6, 0.4, 0).
        var generator = RandomGenerator(seed: 3)
        let picks = Selection.roulette.select([0, 1, 3], count: 100_000, using: &generator)
        let first = Float(picks.filter { $0 == 0 }.count) / 100_000
        #expect(abs(first - 0.6) < 5e-3 && !picks.contains(2))
    }

    @Test func tournamentOfTheWholePopulationPicksTheBestMostOften() {
        // Size k with replacement: P(best wins) = 1 − (1 − 1/μ)ᵏ; μ = 4, k = 4 → 1 − (3/4)⁴ = 0.6836.
        var generator = RandomGenerator(seed: 5)
        let picks = Selection.tournament(size: 4).select([2, 0, 5, 1], count: 100_000, using: &generator)
        expectClose(Float(picks.filter { $0 == 1 }.count) / 100_000, 0.683_6, absolute: 5e-3)
    }

    @Test func mutationsRespectTheBoxAndTheirKind() {
        var generator = RandomGenerator(seed: 6)
        let bounds = SearchBounds(lower: [0, -1], upper: [1, 1])
        for mutation in [Mutation.gaussian(scale: 0.5), .polynomial(eta: 1)] {
            for _ in 0..<500 {
                var genes = ArraySlice<Float>([0.99, -0.99])
                mutation.mutate(&genes, probability: 1, bounds: bounds, using: &generator)
                #expect(bounds.contains(Array(genes)), "\(mutation)")
            }
        }
        var bits = ArraySlice<Float>([0, 1, 1, 0])
        Mutation.bitFlip.mutate(&bits, probability: 1, bounds: bounds, using: &generator)
        #expect(Array(bits) == [1, 0, 0, 1])
    }

    @Test func constrictionFactorIsClercsValue() {
        // χ = 2/|2 − φ − √(φ² − 4φ)|, φ = 4.1: √(16.81 − 16.4) = 0.640312; 2/2.740312 = 0.729844.
        expectClose(ParticleSwarm.constrictionFactor(4.1), 0.729_844, absolute: 1e-6)
    }
}
