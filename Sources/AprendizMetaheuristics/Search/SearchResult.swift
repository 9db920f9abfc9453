import AprendizTensor

/// The statistics of one generation's population (§11.1's "population statistics"), recorded by
/// every population-based minimizer.
public struct GenerationRecord: Sendable, Equatable {
    /// 0 for the initial population, then 1, 2, …
    public let generation: Int
    /// Objective evaluations so far (including this generation's).
    public let evaluations: Int
    /// The best value found so far (over every generation).
    public let bestSoFar: Float
    /// The smallest value in this generation.
    public let best: Float
    /// The mean value of this generation.
    public let mean: Float
    /// The standard deviation of this generation's values (population form, ÷ count).
    public let standardDeviation: Float
    /// The largest value in this generation.
    public let worst: Float

    /// A record of the generation scored `values` (non-finite values count as +∞ in best/worst and are left out of mean and spread).
    init(generation: Int, evaluations: Int, bestSoFar: Float, values: [Float]) {
        self.generation = generation
        self.evaluations = evaluations
        self.bestSoFar = bestSoFar
        let finite = values.filter(\.isFinite).map(Double.init)
        best = values.map { $0.isNaN ? .infinity : $0 }.min() ?? .infinity
        worst = values.map { $0.isNaN ? .infinity : $0 }.max() ?? .infinity
        let mean = finite.isEmpty ? Double.nan : finite.reduce(0, +) / Double(finite.count)
        self.mean = Float(mean)
        standardDeviation = finite.isEmpty ? .nan
            : Float((finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)).squareRoot())
    }
}

/// What a population-based minimizer found: the best point, its value and the history.
public struct SearchResult: Sendable {
    /// The best point evaluated, shape [n].
    public let bestPoint: Tensor
    /// f at ``bestPoint``.
    public let bestValue: Float
    /// Objective evaluations used.
    public let evaluations: Int
    /// One record per generation, the initial population first.
    public let history: [GenerationRecord]
    /// The number of generations after the initial population.
    public var generations: Int { Swift.max(0, history.count - 1) }
}

/// Called after every generation with its record and its population `[count, n]` (the points as
/// evaluated, inside the bounds): progress display, or the population snapshots of a 2-D figure.
public typealias PopulationObserver = (_ record: GenerationRecord, _ population: Tensor) -> Void
