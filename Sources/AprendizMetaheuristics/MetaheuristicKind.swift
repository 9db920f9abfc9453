import AprendizOptimizers

/// The population-based methods of chapter 11 by command-line name: the one list the CLI, the
/// benchmark and the network trainer derive from.
///
/// | name | method | defaults |
/// |---|---|---|
/// | `ga` | ``GeneticAlgorithm`` (§11.1) | μ = 100, tournament 3, SBX η 15, polynomial η 20, elitism 1 |
/// | `de` | ``DifferentialEvolution`` | best/1/bin, NP = 15n, F ∈ [0.5, 1), CR 0.7 |
/// | `cmaes` | ``CMAES`` | λ = 4 + ⌊3 ln n⌋, σ₀ = 0.3 × range |
/// | `pso` | ``ParticleSwarm`` (§11.2) | 40 particles, gbest, w 0.7298, c₁ = c₂ = 1.49618 |
public enum MetaheuristicKind: String, Sendable, CaseIterable {
    case ga, de, cmaes, pso

    /// The method with its default settings.
    public func makeMinimizer() -> any PopulationMinimizer {
        switch self {
        case .ga: GeneticAlgorithm()
        case .de: DifferentialEvolution()
        case .cmaes: CMAES()
        case .pso: ParticleSwarm()
        }
    }

    /// The named method: a metaheuristic with its defaults, or a chapter-6 gradient method
    /// (``GradientSearch``); nil for an unknown name.
    public static func minimizer(named name: String) -> (any PopulationMinimizer)? {
        if let kind = MetaheuristicKind(rawValue: name) { return kind.makeMinimizer() }
        if MinimizerCatalogue.names.contains(name) { return GradientSearch(name) }
        return nil
    }
}
