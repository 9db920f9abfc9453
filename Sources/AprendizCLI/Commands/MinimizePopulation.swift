import Aprendiz
import ArgumentParser
import Foundation

/// The population mode of `aprendiz minimize` (chapter 11): the metaheuristics (and chapter-6
/// methods through `GradientSearch`) on an n-dimensional test function, each run with seeds
/// 0 … k−1 under the same evaluation budget; output: the best value per method (median, spread)
/// and the convergence curves (median best-so-far against evaluations) as CSV, JSON or SVG. In two
/// dimensions the SVG adds one contour panel per method with its population at chosen generations.
struct PopulationComparison {
    let function: ScalableTestFunction
    let dimensions: Int
    let methods: [PopulationMethod]
    let budget: Int
    let seeds: Int
    let snapshots: [Int]

    /// One method's runs.
    struct Runs {
        let name: String
        let results: [SearchResult]
        /// Populations of seed 0 at the snapshot generations (2-D only).
        let populations: [(generation: Int, points: Tensor)]

        var bests: [Float] { results.map(\.bestValue).sorted() }
        var median: Float { bests[bests.count / 2] }
    }

    func run() -> [Runs] {
        let objective = BatchObjective(function, dimensions: dimensions)
        let bounds = SearchBounds(function.domain, dimensions: dimensions)
        return methods.map { method in
            let minimizer = method.makeMinimizer()
            var populations: [(Int, Tensor)] = []
            let results = (0..<seeds).map { seed in
                minimizer.minimize(objective, bounds: bounds, budget: .evaluations(budget), seed: UInt64(seed)) { record, population in
                    if seed == 0 && dimensions == 2 && snapshots.contains(record.generation) {
                        populations.append((record.generation, population))
                    }
                }
            }
            return Runs(name: method.name, results: results, populations: populations)
        }
    }

    /// Evaluation counts at which the curves are sampled (about 100, logarithmically spaced).
    func checkpoints() -> [Int] {
        let count = 100
        return Array(Set((0...count).map { Int(pow(Double(budget), Double($0) / Double(count)).rounded()) })).sorted()
    }

    /// The median over seeds of the best value found within `evaluations` evaluations.
    func medianCurve(_ runs: Runs) -> [(Int, Float)] {
        checkpoints().compactMap { limit in
            let values = runs.results.compactMap { result in result.history.last { $0.evaluations <= limit }?.bestSoFar }
            guard values.count == runs.results.count else { return nil }
            return (limit, values.sorted()[values.count / 2])
        }
    }

    func csv(_ all: [Runs]) -> String {
        var lines = ["optimizer,evaluations,median_best"]
        for runs in all { for (evaluations, value) in medianCurve(runs) { lines.append("\(runs.name),\(evaluations),\(value)") } }
        return lines.joined(separator: "\n") + "\n"
    }

    func json(_ all: [Runs]) -> String {
        let entries = all.map { runs in
            let curve = medianCurve(runs).map { "[\($0.0), \(number($0.1))]" }.joined(separator: ", ")
            return """
              {"optimizer": "\(runs.name)", "median_best": \(number(runs.median)), "min_best": \(number(runs.bests.first!)), \
            "max_best": \(number(runs.bests.last!)), "bests": [\(runs.bests.map(number).joined(separator: ", "))], "curve": [\(curve)]}
            """
        }
        return """
        {"function": "\(function.name)", "dimensions": \(dimensions), "budget": \(budget), "seeds": \(seeds), "results": [
        \(entries.joined(separator: ",\n"))
        ]}

        """
    }

    /// A readable table: one line per method.
    func table(_ all: [Runs]) -> String {
        all.map { runs in
            runs.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " median best %.4g  [%.3g, %.3g]  over %d seeds, %d evaluations", runs.median, runs.bests.first!,
                         runs.bests.last!, seeds, budget)
        }.joined(separator: "\n") + "\n"
    }

    func svg(_ all: [Runs]) -> String {
        let panels = dimensions == 2 ? all.count + 1 : 1
        var figure = Figure(width: 640 * Double(min(panels, 3)), height: 460 * Double((panels + 2) / 3),
                            title: "\(function.name), n = \(dimensions): median of \(seeds) seeds",
                            rows: (panels + 2) / 3, columns: min(panels, 3))
        var curves = figure.panels[0]
        curves.xLabel = "evaluations"
        curves.yLabel = "best f so far"
        curves.xScale = .log
        curves.yScale = .log
        let floor: Float = 1e-30
        for (index, runs) in all.enumerated() {
            let curve = medianCurve(runs).filter { $0.0 >= 1 }
            curves.plot(x: curve.map { Double($0.0) }, y: curve.map { Double(max($0.1 - function.minimumValue(dimensions: dimensions), floor)) },
                        label: runs.name, style: LineStyle(color: .palette(index), width: 2))
        }
        figure.panels[0] = curves
        if dimensions == 2 {
            for (index, runs) in all.enumerated() { figure.panels[index + 1] = snapshotPanel(runs) }
        }
        return figure.svg()
    }

    /// The contour plot of the 2-D function with seed 0's population at the snapshot generations.
    private func snapshotPanel(_ runs: Runs) -> Axes {
        var axes = Axes()
        let range = Double(function.domain.lowerBound)...Double(function.domain.upperBound)
        axes.title = "\(runs.name): population at generations \(runs.populations.map { String($0.generation) }.joined(separator: ", "))"
        axes.xRange = range
        axes.yRange = range
        let f = function
        axes.contour(x: range, y: range, resolution: 81, levels: f.prefersLogarithmicLevels ? .logarithmic(count: 10) : .linear(count: 10),
                     colormap: .viridis, showsLabels: false) { x, y in Double(f.value(at: Tensor([Float(x), Float(y)]))) }
        for (index, snapshot) in runs.populations.enumerated() {
            let points = snapshot.points.scalars
            axes.plot(x: stride(from: 0, to: points.count, by: 2).map { points[$0] },
                      y: stride(from: 1, to: points.count, by: 2).map { points[$0] },
                      label: "generation \(snapshot.generation)", style: .scatter(color: .palette(index)))
        }
        return axes
    }

    private func number(_ v: Float) -> String { v.isFinite ? "\(v)" : "null" }
}

extension MinimizeCommand {
    func validatePopulationMode() throws {
        let function = try scalableFunction()
        _ = try populationMethods()
        let n = dimensions ?? 2
        guard n >= function.minimumDimensions else {
            throw CLIError("--dimensions must be at least \(function.minimumDimensions) for \(function.name), got \(n)")
        }
        guard (budget ?? 10_000) >= 100 else { throw CLIError("--budget must be at least 100, got \(budget!)") }
        guard seeds >= 1 else { throw CLIError("--seeds must be at least 1, got \(seeds)") }
        guard learningRate == nil, start == nil else {
            throw CLIError("--learning-rate and --start apply to chapter-6 paths, not to the population mode")
        }
        _ = try snapshotGenerations()
    }

    /// The n-dimensional function `--function` names.
    /// - Throws: ``CLIError`` naming the option and listing the n-dimensional functions.
    func scalableFunction() throws -> ScalableTestFunction {
        do { return try ScalableTestFunction.named(function) } catch {
            throw CLIError("--function (with --dimensions/--budget): \(error)")
        }
    }

    /// The methods `--optimizer` lists: metaheuristics and chapter-6 methods.
    func populationMethods() throws -> [PopulationMethod] { try PopulationMethod.list(optimizer, option: "--optimizer") }

    func snapshotGenerations() throws -> [Int] {
        try snapshots.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let g = Int(CatalogueLookup.normalized(part)), g >= 0 else {
                throw CLIError("--snapshots must be generation numbers ≥ 0, comma-separated, got '\(snapshots)'")
            }
            return g
        }
    }

    func runPopulationMode() throws {
        let comparison = PopulationComparison(function: try scalableFunction(), dimensions: dimensions ?? 2,
                                              methods: try populationMethods(), budget: budget ?? 10_000, seeds: seeds,
                                              snapshots: try snapshotGenerations())
        let runs = comparison.run()
        let text: String = switch format {
        case .csv: comparison.csv(runs)
        case .json: comparison.json(runs)
        case .svg: comparison.svg(runs)
        }
        try CommandOutput.write(text, to: output)
        if output != nil { FileHandle.standardError.write(Data(comparison.table(runs).utf8)) }
    }
}
