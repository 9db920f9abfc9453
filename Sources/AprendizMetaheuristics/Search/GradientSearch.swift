import AprendizAutodiff
import AprendizOptimizers
import AprendizTensor

/// A gradient method of chapter 6 (`MinimizerKind`: `gd`, `momentum`, `adam`, `newton`, …)
/// behind the ``PopulationMinimizer`` contract, so `aprendiz minimize` can put Adam beside the
/// metaheuristics on the same function, budget and seed.
///
/// ```
/// x₀ ~ U(box) from the seed;  then the method's own updates, one evaluation of (f, ∇f) each,
/// until the budget (evaluations, or generations = steps) is spent or ‖∇f‖ < 10⁻⁶
/// ```
/// Each step is one "generation" of one point. The gradient comes from the objective's
/// ``BatchObjective/differentiable`` form (autodiff). The chapter-6 methods are unconstrained: the
/// path may leave the box (the box only sets the start). Newton's method stops at a singular Hessian.
public struct GradientSearch: PopulationMinimizer {
    /// The chapter-6 method.
    public let kind: MinimizerKind
    /// η (nil: the method's default, `MinimizerKind.defaultLearningRate`).
    public let learningRate: Float?

    /// The method's command-line name (`MinimizerKind`).
    public var name: String { kind.name }

    /// The chapter-6 method `kind`, with η = `learningRate` (nil: the method's default).
    public init(_ kind: MinimizerKind, learningRate: Float? = nil) {
        self.kind = kind
        self.learningRate = learningRate
    }

    /// The chapter-6 method called `name` (trimmed, case-insensitive).
    /// - Throws: `CatalogueError` listing `MinimizerKind`'s names.
    public init(named name: String, learningRate: Float? = nil) throws(CatalogueError) {
        self.init(try MinimizerKind.named(name), learningRate: learningRate)
    }

    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                         observer: PopulationObserver?) -> SearchResult {
        require(objective.dimensions == bounds.dimensions,
                "GradientSearch: the objective has \(objective.dimensions) dimensions but the bounds have \(bounds.dimensions)")
        guard let function = objective.differentiable else {
            requirementFailure("GradientSearch(\(name)): the objective has no differentiable form (BatchObjective.differentiable is nil)")
        }
        budget.check(populationSize: 1, in: "GradientSearch")
        var generator = RandomGenerator(seed: seed)
        let start = Tensor(bounds.uniformPopulation(1, using: &generator))
        let steps = switch budget {
        case .evaluations(let count): count - 1
        case .generations(let count): count
        }
        let minimizer = kind.makeMinimizer(learningRate: learningRate, epochs: steps)
        let visited: [(Tensor, Float)]
        if let path = try? minimizer.minimize(function, from: start) {
            visited = Array(zip(path.path, path.values))
        } else {
            visited = [(start, objective(start.reshaped([1, -1])).scalars[0])]
        }
        var history: [GenerationRecord] = []
        var best = (point: start, value: Float.infinity)
        for (step, (point, value)) in visited.enumerated() {
            let value = value.isNaN ? Float.infinity : value
            if value < best.value || step == 0 { best = (point, value) }
            let record = GenerationRecord(generation: step, evaluations: step + 1, bestSoFar: best.value, values: [value])
            history.append(record)
            observer?(record, point.reshaped([1, -1]))
        }
        return SearchResult(bestPoint: best.point, bestValue: best.value, evaluations: history.count, history: history)
    }
}

/// Stops with `message` (a `require` that always fails, typed `Never` for `guard`).
func requirementFailure(_ message: String) -> Never {
    require(false, message)
    fatalError(message)
}
