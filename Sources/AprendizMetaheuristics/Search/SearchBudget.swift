import AprendizTensor

/// How long a population-based minimizer runs.
///
/// With `.evaluations(N)` a method stops before the generation that would take the count past N
/// (the budget is never exceeded; the same rule as the Python references of
/// `Benchmarks/metaheuristics_reference.py`). With `.generations(G)` it evaluates the initial
/// population and then G generations.
public enum SearchBudget: Sendable, Equatable {
    /// At most this many evaluations of the objective (points scored).
    case evaluations(Int)
    /// The initial population and then this many generations.
    case generations(Int)

    /// Stops with a message when the budget cannot even score one population of `size` points.
    func check(populationSize size: Int, in method: String) {
        switch self {
        case .evaluations(let n):
            require(n >= size, "\(method): an evaluation budget of \(n) cannot score the first population of \(size) points")
        case .generations(let g):
            require(g >= 0, "\(method): invalid number of generations \(g) (expected ≥ 0)")
        }
    }

    /// The number of generations after the initial population that the budget allows when each
    /// costs `perGeneration` evaluations (for schedules that depend on the run length).
    func generations(initial: Int, perGeneration: Int) -> Int {
        switch self {
        case .evaluations(let n): Swift.max(0, (n - initial) / Swift.max(perGeneration, 1))
        case .generations(let g): g
        }
    }
}
