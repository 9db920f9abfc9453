import AprendizOptimizers
import AprendizTensor

/// The population-based methods of chapter 11 by command-line name (a `Catalogue`): the one list
/// the CLI, the benchmark and the network trainer derive from.
///
/// | name | method | defaults |
/// |---|---|---|
/// | `ga` | ``GeneticAlgorithm`` (§11.1) | μ = 100, tournament 3, SBX η 15, polynomial η 20, elitism 1 |
/// | `de` | ``DifferentialEvolution`` | best/1/bin, NP = 15n, F ∈ [0.5, 1), CR 0.7 |
/// | `cmaes` | ``CMAES`` | λ = 4 + ⌊3 ln n⌋, σ₀ = 0.3 × range |
/// | `pso` | ``ParticleSwarm`` (§11.2) | 40 particles, gbest, w 0.7298, c₁ = c₂ = 1.49618 |
public enum MetaheuristicKind: String, Catalogue {
    case ga, de, cmaes, pso

    /// `metaheuristic`, in messages (`CatalogueError`).
    public static let familyName = "metaheuristic"

    /// The method with its default settings.
    public func makeMinimizer() -> any PopulationMinimizer {
        switch self {
        case .ga: GeneticAlgorithm()
        case .de: DifferentialEvolution()
        case .cmaes: CMAES()
        case .pso: ParticleSwarm()
        }
    }

    /// The method set up to search a network's weights from their initial values `start` (shape [d],
    /// from the layers' initialisers): CMA-ES centred there with σ₀ = 0.05 of the box (0.5 for
    /// the trainer's default [−5, 5]) instead of a uniform start, which saturates tanh and sigmoid
    /// units; the other methods keep their defaults (their populations cover the box).
    public func makeMinimizer(forWeights start: Tensor) -> any PopulationMinimizer {
        self == .cmaes ? CMAES(initialStepSize: 0.05, initialMean: start.scalars) : makeMinimizer()
    }

    /// The named method (trimmed, case-insensitive): a metaheuristic with its defaults, or a chapter-6
    /// gradient method of `MinimizerKind` (``GradientSearch``); see ``PopulationMethod``.
    /// - Throws: `CatalogueError` listing every ``PopulationMethod`` name.
    public static func minimizer(named name: String) throws(CatalogueError) -> any PopulationMinimizer {
        try PopulationMethod.named(name).makeMinimizer()
    }
}
