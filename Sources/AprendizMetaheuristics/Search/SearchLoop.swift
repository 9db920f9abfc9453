import AprendizTensor

/// The book-keeping every population-based method shares: scoring populations through the
/// objective, counting evaluations against the budget, keeping the best point, recording the
/// history and calling the observer.
struct SearchLoop {
    let objective: BatchObjective
    let bounds: SearchBounds
    let budget: SearchBudget
    let observer: PopulationObserver?
    private(set) var evaluations = 0
    private(set) var bestPoint: [Float] = []
    private(set) var bestValue = Float.infinity
    private(set) var history: [GenerationRecord] = []

    init(_ method: String, objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget,
         populationSize: Int, observer: PopulationObserver?) {
        require(objective.dimensions == bounds.dimensions,
                "\(method): the objective has \(objective.dimensions) dimensions but the bounds have \(bounds.dimensions)")
        budget.check(populationSize: populationSize, in: method)
        self.objective = objective
        self.bounds = bounds
        self.budget = budget
        self.observer = observer
    }

    var dimensions: Int { bounds.dimensions }

    /// Whether one more generation of `count` evaluations fits the budget.
    func allows(_ count: Int) -> Bool {
        switch budget {
        case .evaluations(let n): evaluations + count <= n
        case .generations(let g): history.count <= g
        }
    }

    /// Scores `count` points stored row after row in `points` (NaN becomes +∞) and keeps the best.
    mutating func evaluate(_ points: [Float], count: Int) -> [Float] {
        guard count > 0 else { return [] }
        let values = objective(Tensor(shape: [count, dimensions], scalars: points)).scalars.map { $0.isNaN ? Float.infinity : $0 }
        evaluations += count
        for (row, value) in values.enumerated() where value < bestValue || bestPoint.isEmpty {
            bestValue = value
            bestPoint = Array(points[(row * dimensions)..<((row + 1) * dimensions)])
        }
        return values
    }

    /// Records the generation whose (whole) population is `points` with `values`, and tells the observer.
    mutating func record(_ points: [Float], values: [Float]) {
        let entry = GenerationRecord(generation: history.count, evaluations: evaluations, bestSoFar: bestValue, values: values)
        history.append(entry)
        observer?(entry, Tensor(shape: [values.count, dimensions], scalars: points))
    }

    /// The best point, its value, the evaluations used and the history.
    func result() -> SearchResult {
        SearchResult(bestPoint: Tensor(bestPoint), bestValue: bestValue, evaluations: evaluations, history: history)
    }
}
