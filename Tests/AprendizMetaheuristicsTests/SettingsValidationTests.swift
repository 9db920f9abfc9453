import Aprendiz
import Testing

/// Bad settings stop with a message that names the setting and the value.
struct SettingsValidationTests {
    static func check(_ result: ExitTest.Result?, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(text.contains(message), "stderr: \(text)", sourceLocation: sourceLocation)
    }

    @Test func geneticAlgorithm() async {
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GeneticAlgorithm(populationSize: 10, elitism: 10)
        }, "GeneticAlgorithm: invalid elitism 10 (expected 0 ≤ elitism < population size 10)")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GeneticAlgorithm(mutation: .bitFlip)
        }, "GeneticAlgorithm: bit-flip mutation needs a binary genome, got real")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GeneticAlgorithm(genome: .binary(bitsPerVariable: 8), crossover: .simulatedBinary(eta: 15))
        }, "GeneticAlgorithm: simulated binary crossover needs a real genome")
    }

    @Test func otherMethods() async {
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DifferentialEvolution(crossoverRate: 1.5)
        }, "DifferentialEvolution: invalid crossover rate 1.5 (expected 0…1)")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ParticleSwarm(velocityRule: .constriction(cognitive: 1, social: 2))
        }, "ParticleSwarm: invalid constriction φ₁ 1.0 + φ₂ 2.0 = 3.0 (expected > 4)")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CMAES(initialStepSize: -0.1)
        }, "CMAES: invalid initial step size -0.1 (expected > 0)")
    }

    @Test func searchSettings() async {
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SearchBounds(2...2.5, dimensions: 1).dimensions
            _ = SearchBounds(lower: [2], upper: [1])
        }, "SearchBounds: invalid bounds [2.0, 1.0] for coordinate 0 (expected finite lower < upper)")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ParticleSwarm().minimize(BatchObjective(.sphere, dimensions: 2), bounds: SearchBounds(-1...1, dimensions: 2),
                                         budget: .evaluations(10))
        }, "ParticleSwarm: an evaluation budget of 10 cannot score the first population of 40 points")
        Self.check(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CMAES().minimize(BatchObjective(.sphere, dimensions: 3), bounds: SearchBounds(-1...1, dimensions: 2),
                                 budget: .evaluations(100))
        }, "CMAES: the objective has 3 dimensions but the bounds have 2")
    }
}
