import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench metaheuristics`: the chapter-11 methods on 30-D Sphere, Rastrigin and Ackley with
/// the budget and seed policy of `Benchmarks/metaheuristics_reference.py` (DEAP, SciPy, cma, pyswarms).
struct BenchMetaheuristicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metaheuristics",
        abstract: "GA, DE, CMA-ES and PSO on 30-D Sphere, Rastrigin, Ackley: median best value over seeds and evaluations/s."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Seeds 0 … k−1 per method and function.")
    var seeds = 5

    @Option(help: "Objective evaluations per run.")
    var budget = 100_000

    @Option(help: "Number of variables.")
    var dimensions = 30

    @Option(help: "Comma-separated methods (\(MetaheuristicKind.names.joined(separator: ", "))).")
    var methods = "ga,de,cmaes,pso"

    @Option(help: "Comma-separated test functions (\(ScalableTestFunction.all.map(\.name).joined(separator: ", "))).")
    var functions = "sphere,rastrigin,ackley"

    func run() throws {
        try options.apply()
        guard seeds >= 1, budget >= 1, dimensions >= 2 else {
            throw CLIError("--seeds and --budget must be at least 1 and --dimensions at least 2")
        }
        let kinds = try MetaheuristicKind.list(methods, option: "--methods")
        let testFunctions: [ScalableTestFunction]
        do {
            testFunctions = try CatalogueLookup.members(functions, in: ScalableTestFunction.all, family: "function", name: \.name)
        } catch { throw CLIError("--functions: \(error)") }
        for function in testFunctions {
            let objective = BatchObjective(function, dimensions: dimensions)
            let bounds = SearchBounds(function.domain, dimensions: dimensions)
            for kind in kinds {
                var bests: [Float] = [], rates: [Double] = []
                for seed in 0..<seeds {
                    var result: SearchResult?
                    let seconds = Stopwatch.seconds {
                        result = kind.makeMinimizer().minimize(objective, bounds: bounds, budget: .evaluations(budget), seed: UInt64(seed))
                    }
                    bests.append(result!.bestValue)
                    rates.append(Double(result!.evaluations) / seconds)
                }
                let row = MetaheuristicBenchRow(function: function.name, method: kind.name, bests: bests, rates: rates,
                                                budget: budget, objectiveRate: objectiveRate(objective, bounds: bounds))
                row.print(json: options.json)
            }
        }
    }

    /// Evaluations per second of the objective alone on a [40, n] population (median of 9).
    private func objectiveRate(_ objective: BatchObjective, bounds: SearchBounds) -> Double {
        var generator = RandomGenerator(seed: 0)
        let population = Tensor.randomUniform([40, dimensions], in: bounds.lower[0]...bounds.upper[0], using: &generator)
        let seconds = Stopwatch.median(repeats: 9) { for _ in 0..<200 { _ = objective(population) } }
        return 40 * 200 / seconds
    }
}

/// One method on one function: the medians the reference script prints.
struct MetaheuristicBenchRow: Encodable {
    let function: String
    let method: String
    let medianBest: Float
    let minBest: Float
    let maxBest: Float
    let evaluationsPerSecond: Double
    let objectiveEvaluationsPerSecond: Double
    let seeds: Int
    let budget: Int

    init(function: String, method: String, bests: [Float], rates: [Double], budget: Int, objectiveRate: Double) {
        let sorted = bests.sorted(), sortedRates = rates.sorted()
        self.function = function
        self.method = method
        medianBest = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        minBest = sorted.first!
        maxBest = sorted.last!
        evaluationsPerSecond = sortedRates[sortedRates.count / 2]
        objectiveEvaluationsPerSecond = objectiveRate
        seeds = bests.count
        self.budget = budget
    }

    enum CodingKeys: String, CodingKey {
        case function, method, seeds, budget
        case medianBest = "median_best", minBest = "min_best", maxBest = "max_best"
        case evaluationsPerSecond = "evaluations_per_second", objectiveEvaluationsPerSecond = "objective_evaluations_per_second"
    }

    func print(json: Bool) {
        if json {
            printJSONLine(self)
        } else {
            let label = function.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + method.padding(toLength: 6, withPad: " ", startingAt: 0)
            Swift.print(label + String(format: " median best %.4g  [%.3g, %.3g]  %10.0f evaluations/s  (objective alone %.3g/s)",
                                       medianBest, minBest, maxBest, evaluationsPerSecond, objectiveEvaluationsPerSecond))
        }
    }
}
