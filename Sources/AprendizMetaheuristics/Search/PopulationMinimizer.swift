import AprendizTensor

/// A method that minimizes a function over a box of ℝⁿ from scores alone (chapter 11): genetic
/// algorithms, differential evolution, CMA-ES, particle swarms — and, through ``GradientSearch``,
/// the gradient methods of chapter 6 on the same footing.
///
/// ```
/// result = minimizer.minimize(f, bounds: box, budget: .evaluations(100_000), seed: 7)
/// result.bestPoint, result.bestValue, result.history      (one GenerationRecord per generation)
/// ```
/// The contract every conformer follows: the population is scored in one call of the
/// ``BatchObjective`` per generation; every evaluated point lies inside `bounds`; the budget is never
/// exceeded; the same seed gives the same result, bit for bit, on every platform (all randomness
/// comes from one `RandomGenerator` seeded with `seed`).
public protocol PopulationMinimizer: Sendable {
    /// The command-line name (`ga`, `de`, `cmaes`, `pso`, …).
    var name: String { get }

    /// Minimizes `objective` inside `bounds` within `budget`, calling `observer` after every generation.
    func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                  observer: PopulationObserver?) -> SearchResult
}

extension PopulationMinimizer {
    /// Minimizes `objective` inside `bounds` within `budget` (no observer).
    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget,
                         seed: UInt64 = 0) -> SearchResult {
        minimize(objective, bounds: bounds, budget: budget, seed: seed, observer: nil)
    }
}
