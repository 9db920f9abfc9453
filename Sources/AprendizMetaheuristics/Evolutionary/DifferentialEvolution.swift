import AprendizTensor

/// Differential evolution (Storn & Price 1997), the DE/rand/1/bin and DE/best/1/bin strategies with
/// synchronous ("deferred") replacement, as SciPy's `differential_evolution(updating="deferred")`.
///
/// ```
/// P ← NP random points;  score P
/// repeat until the budget is spent:
///     F ~ U[F_min, F_max]                                    (dither, once per generation)
///     for each i:                                            (one batch of NP trials)
///         base = x_r0 (rand/1, r0 ≠ i) or x_best (best/1)
///         v = base + F·(x_r1 − x_r2)                         (r0, r1, r2, i distinct)
///         uⱼ = vⱼ if U[0,1) < CR or j = j_rand, else x_ij     (binomial crossover)
///         uⱼ outside [lowerⱼ, upperⱼ] → redrawn uniformly in it
///     score all uᵢ;  xᵢ ← uᵢ where f(uᵢ) ≤ f(xᵢ)
/// ```
/// Defaults as SciPy: NP = 15n, F ∈ [0.5, 1) dithered, CR = 0.7, strategy best/1/bin.
public struct DifferentialEvolution: PopulationMinimizer {
    /// Which vector is perturbed.
    public enum Strategy: String, Sendable, CaseIterable {
        /// DE/rand/1/bin: a random member plus one scaled difference.
        case randOneBin = "rand1bin"
        /// DE/best/1/bin: the best member plus one scaled difference.
        case bestOneBin = "best1bin"
    }

    public var name: String { "de" }
    /// The base-vector rule.
    public let strategy: Strategy
    /// NP, the population size (nil: 15n, SciPy's `popsize=15`).
    public let populationSize: Int?
    /// F, the differential weight; a range means a fresh uniform draw each generation (dither).
    public let differentialWeight: ClosedRange<Float>
    /// CR, the probability that a coordinate comes from the mutant.
    public let crossoverRate: Float

    /// Differential evolution with these settings; a bad value stops with a message naming it.
    public init(strategy: Strategy = .bestOneBin, populationSize: Int? = nil,
                differentialWeight: ClosedRange<Float> = 0.5...1, crossoverRate: Float = 0.7) {
        if let populationSize {
            require(populationSize >= 4, "DifferentialEvolution: invalid population size \(populationSize) (expected ≥ 4)")
        }
        require(differentialWeight.lowerBound >= 0 && differentialWeight.upperBound <= 2,
                "DifferentialEvolution: invalid differential weight \(differentialWeight) (expected within 0…2)")
        require(crossoverRate >= 0 && crossoverRate <= 1,
                "DifferentialEvolution: invalid crossover rate \(crossoverRate) (expected 0…1)")
        self.strategy = strategy
        self.populationSize = populationSize
        self.differentialWeight = differentialWeight
        self.crossoverRate = crossoverRate
    }

    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                         observer: PopulationObserver?) -> SearchResult {
        let n = bounds.dimensions, size = populationSize ?? 15 * n
        require(size >= 4, "DifferentialEvolution: a population of \(size) is too small (expected ≥ 4)")
        var loop = SearchLoop("DifferentialEvolution", objective: objective, bounds: bounds, budget: budget,
                              populationSize: size, observer: observer)
        var generator = RandomGenerator(seed: seed)
        var points = bounds.uniformPopulation(size, using: &generator)
        var values = loop.evaluate(points, count: size)
        loop.record(points, values: values)
        while loop.allows(size) {
            let trials = mutants(of: points, values: values, size: size, bounds: bounds, using: &generator)
            let trialValues = loop.evaluate(trials, count: size)
            for i in 0..<size where trialValues[i] <= values[i] {
                values[i] = trialValues[i]
                points.replaceSubrange((i * n)..<((i + 1) * n), with: trials[(i * n)..<((i + 1) * n)])
            }
            loop.record(points, values: values)
        }
        return loop.result()
    }

    /// One trial vector per member: mutation, binomial crossover, out-of-box coordinates redrawn.
    private func mutants(of points: [Float], values: [Float], size: Int, bounds: SearchBounds,
                         using generator: inout RandomGenerator) -> [Float] {
        let n = bounds.dimensions
        let f = differentialWeight.lowerBound + generator.nextUniform() * (differentialWeight.upperBound - differentialWeight.lowerBound)
        let best = values.indices.min { values[$0] < values[$1] }!
        var trials = points
        for i in 0..<size {
            var picked = [i]
            func distinct() -> Int {
                while true {
                    let r = Int(generator.next() % UInt64(size))
                    if !picked.contains(r) { picked.append(r); return r }
                }
            }
            let base = strategy == .bestOneBin ? best : distinct()
            let (r1, r2) = (distinct(), distinct())
            let forced = Int(generator.next() % UInt64(n))
            for j in 0..<n where j == forced || generator.nextUniform() < crossoverRate {
                var u = points[base * n + j] + f * (points[r1 * n + j] - points[r2 * n + j])
                if u < bounds.lower[j] || u > bounds.upper[j] { u = bounds.uniform(j, using: &generator) }
                trials[i * n + j] = u
            }
        }
        return trials
    }
}
