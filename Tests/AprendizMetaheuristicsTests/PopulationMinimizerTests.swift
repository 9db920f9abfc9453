import Aprendiz
import AprendizTestSupport
import Testing

/// The contract every population-based method keeps: known minima reached, seeded runs
/// reproducible, bounds and budget respected.
struct PopulationMinimizerTests {
    /// Each method with small settings (fast in debug builds).
    static let methods: [any PopulationMinimizer] = [
        GeneticAlgorithm(populationSize: 40),
        GeneticAlgorithm(populationSize: 40, genome: .binary(bitsPerVariable: 16), selection: .rank(pressure: 1.8)),
        DifferentialEvolution(strategy: .randOneBin, populationSize: 30),
        DifferentialEvolution(strategy: .bestOneBin, populationSize: 30),
        CMAES(),
        ParticleSwarm(swarmSize: 30),
        ParticleSwarm(swarmSize: 30, topology: .ring(neighbors: 1), velocityRule: .constriction(cognitive: 2.05, social: 2.05),
                      boundaryHandling: .reflect),
        ParticleSwarm(swarmSize: 30, velocityRule: .linearInertia(start: 0.9, end: 0.4, cognitive: 2, social: 2)),
    ]

    static func describe(_ method: any PopulationMinimizer) -> String { "\(method)" }

    @Test(arguments: 0..<methods.count)
    func reachesTheMinimumOfSphere(_ index: Int) {
        let method = Self.methods[index]
        let objective = BatchObjective(.sphere, dimensions: 5)
        let result = method.minimize(objective, bounds: SearchBounds(-5.12...5.12, dimensions: 5), budget: .evaluations(20_000), seed: 3)
        // Sphere's minimum is 0 at the origin (by hand); the binary genome's 16-bit grid is 1.6·10⁻⁴ apart.
        #expect(result.bestValue < 1e-3, "\(Self.describe(method)): best \(result.bestValue)")
        #expect(result.bestPoint.scalars.allSatisfy { abs($0) < 0.05 }, "\(Self.describe(method)): \(result.bestPoint)")
    }

    @Test(arguments: 0..<methods.count)
    func seededRunsAreReproducible(_ index: Int) {
        let method = Self.methods[index]
        let objective = BatchObjective(.rastrigin, dimensions: 4)
        let bounds = SearchBounds(-5.12...5.12, dimensions: 4)
        let first = method.minimize(objective, bounds: bounds, budget: .evaluations(2_000), seed: 42)
        let second = method.minimize(objective, bounds: bounds, budget: .evaluations(2_000), seed: 42)
        let other = method.minimize(objective, bounds: bounds, budget: .evaluations(2_000), seed: 43)
        #expect(first.bestPoint == second.bestPoint && first.bestValue == second.bestValue)
        #expect(first.history == second.history)
        #expect(first.bestPoint != other.bestPoint, "\(Self.describe(method)): a different seed gave the same run")
    }

    @Test(arguments: 0..<methods.count)
    func everyEvaluatedPointLiesInTheBoxAndTheBudgetHolds(_ index: Int) {
        let method = Self.methods[index]
        // The sphere's unconstrained minimum (the origin) lies outside this box: the best point is
        // the corner nearest to it, (1, 0.5, 2), with f = 1 + 0.25 + 4 = 5.25 (by hand).
        let bounds = SearchBounds(lower: [1, 0.5, 2], upper: [3, 4, 2.5])
        var outside = 0, evaluated = 0, generations = 0
        let result = method.minimize(BatchObjective(.sphere, dimensions: 3), bounds: bounds, budget: .evaluations(3_001), seed: 5) {
            record, population in
            evaluated = record.evaluations
            generations += 1
            for row in 0..<population.shape[0] where !bounds.contains(Array(population.scalars[(row * 3)..<(row * 3 + 3)])) {
                outside += 1
            }
        }
        #expect(outside == 0, "\(Self.describe(method)): \(outside) points outside the box")
        #expect(result.evaluations <= 3_001 && result.evaluations == evaluated)
        #expect(result.history.count == generations)
        #expect(result.history.map(\.evaluations) == result.history.map(\.evaluations).sorted())
        #expect(zip(result.history, result.history.dropFirst()).allSatisfy { $1.bestSoFar <= $0.bestSoFar })
        expectClose(result.bestValue, 5.25, absolute: 0.05, relative: 0, "\(Self.describe(method))")
    }

    @Test func pointwiseObjectiveScoresEveryRowOnThePool() {
        // Σ xᵢ² row by row on the thread pool equals the Sphere kernel (same formula, by hand).
        let objective = BatchObjective.pointwise(dimensions: 10) { point in point.reduce(0) { $0 + $1 * $1 } }
        var generator = RandomGenerator(seed: 4)
        let population = Tensor.randomUniform([257, 10], in: -3...3, using: &generator)
        expectClose(objective(population), ScalableTestFunction.sphere.values(population), absolute: 1e-4)
        let result = ParticleSwarm(swarmSize: 20).minimize(objective, bounds: SearchBounds(-3...3, dimensions: 10),
                                                          budget: .evaluations(4_000), seed: 1)
        #expect(result.bestValue < 1e-2)
    }

    @Test func generationBudgetCountsGenerations() {
        let result = ParticleSwarm(swarmSize: 10).minimize(BatchObjective(.sphere, dimensions: 2),
                                                          bounds: SearchBounds(-1...1, dimensions: 2), budget: .generations(7))
        #expect(result.generations == 7)
        #expect(result.evaluations == 80)
    }

    @Test func populationStatisticsDescribeTheGeneration() {
        var first: GenerationRecord?
        var firstValues: [Float] = []
        let objective = BatchObjective(.sphere, dimensions: 2)
        _ = GeneticAlgorithm(populationSize: 10).minimize(objective, bounds: SearchBounds(-1...1, dimensions: 2),
                                                          budget: .generations(1), seed: 1) { record, population in
            if first == nil { first = record; firstValues = objective(population).scalars }
        }
        let values = firstValues.map(Double.init)
        let mean = values.reduce(0, +) / 10
        let spread = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10).squareRoot()
        #expect(first?.best == firstValues.min() && first?.worst == firstValues.max())
        expectClose(first!.mean, Float(mean), absolute: 1e-6)
        expectClose(first!.standardDeviation, Float(spread), absolute: 1e-6)
    }

    @Test func cmaesSolvesTenDimensionalRosenbrock() {
        // The minimum is 0 at (1, …, 1). From a random start in the customary box, CMA-ES without
        // restarts ends there for 7 of seeds 1…10 (about 9 000 evaluations); seeds 1, 2 and 6 end in
        // n-D Rosenbrock's known local minimum near (−1, 1, …, 1), f ≈ 3.99 (Shang & Qiu 2006).
        let result = CMAES().minimize(BatchObjective(.rosenbrock, dimensions: 10), bounds: SearchBounds(-5...10, dimensions: 10),
                                      budget: .evaluations(30_000), seed: 3)
        #expect(result.bestValue < 1e-8, "best \(result.bestValue) after \(result.evaluations) evaluations")
        expectClose(result.bestPoint, Tensor.ones([10]), absolute: 1e-3)
    }

    @Test func multimodalFunctionsInTwoDimensions() {
        // Global minima from the published formulas: 0 at the origin for Rastrigin, Ackley, Griewank.
        for function in [ScalableTestFunction.rastrigin, .ackley, .griewank] {
            for method in [MetaheuristicKind.de, .pso, .ga] {
                let result = method.makeMinimizer().minimize(BatchObjective(function, dimensions: 2),
                                                             bounds: SearchBounds(function.domain, dimensions: 2),
                                                             budget: .evaluations(8_000), seed: 11)
                #expect(result.bestValue < 1e-2, "\(method) on \(function.name): \(result.bestValue)")
            }
        }
    }

    @Test func adamRunsBehindTheSameContract() {
        let result = GradientSearch(.adam, learningRate: 0.05).minimize(BatchObjective(.sphere, dimensions: 3),
                                                                       bounds: SearchBounds(-2...2, dimensions: 3),
                                                                       budget: .evaluations(2_000), seed: 2)
        #expect(result.bestValue < 1e-4)
        #expect(result.evaluations <= 2_000)
    }
}
