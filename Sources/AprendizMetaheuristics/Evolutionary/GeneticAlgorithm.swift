import AprendizTensor

/// The genetic algorithm (§11.1; Holland 1975, Goldberg 1989): a population evolves by selection,
/// crossover and mutation, the best individuals surviving unchanged (elitism).
///
/// ```
/// P ← μ random genomes;  score P
/// repeat until the budget is spent:
///     E ← the e best of P                                   (elitism)
///     C ← ∅
///     while |C| < μ − e:
///         a, b ← select(P), select(P)                      (tournament, roulette or rank)
///         with probability p_c:  a, b ← crossover(a, b)     (one-point, two-point, uniform, BLX-α, SBX)
///         a, b ← mutate(a), mutate(b)                      (Gaussian, polynomial or bit flip; each gene w.p. p_m)
///         C ← C ∪ {a, b}
///     score C;  P ← E ∪ C                                   (generational replacement)
/// ```
/// Each generation scores μ − e new points in one call of the objective and records the
/// population's best, mean, spread and worst (``GenerationRecord``). Real genes are clipped to the
/// box; binary genes decode onto it (``Genome``). Defaults: μ = 100, tournament of 3, p_c = 0.9,
/// e = 1; for real genomes SBX (η = 15) and polynomial mutation (η = 20), for binary ones two-point
/// crossover and bit flips; p_m = 1/L. The reference for the benchmark is DEAP
/// (`cxSimulatedBinaryBounded`, `mutPolynomialBounded`, `selTournament`) in
/// `Benchmarks/metaheuristics_reference.py`.
public struct GeneticAlgorithm: PopulationMinimizer {
    public var name: String { "ga" }
    /// μ, the number of individuals.
    public let populationSize: Int
    /// How points are encoded.
    public let genome: Genome
    /// How parents are picked.
    public let selection: Selection
    /// How two parents are mixed.
    public let crossover: Crossover
    /// p_c, the probability that a pair of parents is crossed (else copied).
    public let crossoverRate: Float
    /// How a child is perturbed.
    public let mutation: Mutation
    /// p_m, the probability that each gene mutates (nil: 1/L).
    public let mutationRate: Float?
    /// e, the best individuals copied unchanged into the next generation.
    public let elitism: Int

    /// A genetic algorithm with these settings; a bad value stops with a message naming it.
    public init(populationSize: Int = 100, genome: Genome = .real, selection: Selection = .tournament(size: 3),
                crossover: Crossover? = nil, crossoverRate: Float = 0.9, mutation: Mutation? = nil,
                mutationRate: Float? = nil, elitism: Int = 1) {
        let crossover = crossover ?? (genome == .real ? .simulatedBinary(eta: 15) : .twoPoint)
        let mutation = mutation ?? (genome == .real ? .polynomial(eta: 20) : .bitFlip)
        require(populationSize >= 2, "GeneticAlgorithm: invalid population size \(populationSize) (expected ≥ 2)")
        require(elitism >= 0 && elitism < populationSize,
                "GeneticAlgorithm: invalid elitism \(elitism) (expected 0 ≤ elitism < population size \(populationSize))")
        require(crossoverRate >= 0 && crossoverRate <= 1, "GeneticAlgorithm: invalid crossover rate \(crossoverRate) (expected 0…1)")
        if let mutationRate {
            require(mutationRate >= 0 && mutationRate <= 1, "GeneticAlgorithm: invalid mutation rate \(mutationRate) (expected 0…1)")
        }
        genome.validate()
        selection.validate(populationSize: populationSize)
        crossover.validate(genome: genome)
        mutation.validate(genome: genome)
        self.populationSize = populationSize
        self.genome = genome
        self.selection = selection
        self.crossover = crossover
        self.crossoverRate = crossoverRate
        self.mutation = mutation
        self.mutationRate = mutationRate
        self.elitism = elitism
    }

    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                         observer: PopulationObserver?) -> SearchResult {
        var loop = SearchLoop("GeneticAlgorithm", objective: objective, bounds: bounds, budget: budget,
                              populationSize: populationSize, observer: observer)
        var generator = RandomGenerator(seed: seed)
        let length = genome.length(dimensions: bounds.dimensions), n = bounds.dimensions
        var genomes = genome.randomPopulation(populationSize, bounds: bounds, using: &generator)
        var points = genome.decode(genomes, count: populationSize, bounds: bounds)
        var values = loop.evaluate(points, count: populationSize)
        loop.record(points, values: values)
        let childCount = populationSize - elitism
        while loop.allows(childCount) {
            let elite = values.indices.sorted { values[$0] < values[$1] }.prefix(elitism)
            let children = breed(genomes, values: values, count: childCount, length: length, bounds: bounds, using: &generator)
            let childPoints = genome.decode(children, count: childCount, bounds: bounds)
            let childValues = loop.evaluate(childPoints, count: childCount)
            genomes = elite.flatMap { genomes[($0 * length)..<(($0 + 1) * length)] } + children
            points = elite.flatMap { points[($0 * n)..<(($0 + 1) * n)] } + childPoints
            values = elite.map { values[$0] } + childValues
            loop.record(points, values: values)
        }
        return loop.result()
    }

    /// `count` children of the population `genomes`: selection, crossover, mutation (and clipping).
    private func breed(_ genomes: [Float], values: [Float], count: Int, length: Int, bounds: SearchBounds,
                       using generator: inout RandomGenerator) -> [Float] {
        let pairs = (count + 1) / 2
        let parents = selection.select(values, count: 2 * pairs, using: &generator)
        let probability = mutationRate ?? 1 / Float(length)
        var children = [Float](repeating: 0, count: 2 * pairs * length)
        for pair in 0..<pairs {
            let (a, b) = (parents[2 * pair], parents[2 * pair + 1])
            var first = genomes[(a * length)..<((a + 1) * length)], second = genomes[(b * length)..<((b + 1) * length)]
            if generator.nextUniform() < crossoverRate { crossover.cross(&first, &second, bounds: bounds, using: &generator) }
            mutation.mutate(&first, probability: probability, bounds: bounds, using: &generator)
            mutation.mutate(&second, probability: probability, bounds: bounds, using: &generator)
            children.replaceSubrange((2 * pair * length)..<((2 * pair + 1) * length), with: first)
            children.replaceSubrange(((2 * pair + 1) * length)..<((2 * pair + 2) * length), with: second)
        }
        if genome == .real {
            for g in children.indices { children[g] = bounds.clamped(children[g], g % length) }
        }
        return Array(children.prefix(count * length))
    }
}
