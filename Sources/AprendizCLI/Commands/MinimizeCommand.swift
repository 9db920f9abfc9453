import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz minimize`: runs chapter 6's optimizers on a test function and writes their paths
/// (CSV, JSON, or an SVG contour plot with the paths drawn over it, like figures 6.3–6.4).
struct MinimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimize",
        abstract: "Minimize a test function and output the optimizer's path (chapter 6).",
        discussion: """
        Functions: \(TestFunction.all.map(\.name).joined(separator: ", ")).
        Optimizers: \(MinimizerKind.names.joined(separator: ", ")) (several, comma-separated, share one plot).
        Example: aprendiz minimize --function rosenbrock --optimizer gd,momentum,adam,newton --learning-rate 0.001 --steps 500 --start -1.5,2 --format svg --output paths.svg
        Population mode (chapter 11, with --dimensions or --budget, or a method among \(MetaheuristicKind.names.joined(separator: ", "))):
          aprendiz minimize --function rastrigin --dimensions 30 --optimizer pso,ga,de,cmaes,adam --budget 100000 --seeds 10 --format svg
        n-dimensional functions: \(ScalableTestFunction.all.map(\.name).joined(separator: ", ")).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, svg, json }

    @Option(help: "The test function to minimize (\(TestFunction.all.map(\.name).joined(separator: ", "))).")
    var function: String = "rosenbrock"

    @Option(help: "Optimizer name(s), comma-separated (\(PopulationMethod.names.joined(separator: ", "))).",
            completion: .list(PopulationMethod.names))
    var optimizer: String = "gd"

    @Option(name: [.customLong("learning-rate"), .customLong("lr")], parsing: .unconditional,
            help: "Learning rate η (default: each optimizer's own default).")
    var learningRate: Float?

    @Option(help: "Maximum number of updates.")
    var steps: Int = 100

    @Option(parsing: .unconditional, help: "Starting point x,y, negative numbers allowed (default: the function's customary start).")
    var start: String?

    @Option(help: "Output format: csv (step,x,y,f), svg (contours with paths) or json.")
    var format: Format = .csv

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output file (default: standard output).")
    var output: String?

    @Option(help: "Population mode: number of variables n (default 2).")
    var dimensions: Int?

    @Option(help: "Population mode: objective evaluations per run (default 10000).")
    var budget: Int?

    @Option(help: "Population mode: seeds 0 … k−1 per method.")
    var seeds: Int = 5

    @Option(help: "Population mode, 2-D SVG: generations whose populations are drawn, comma-separated.")
    var snapshots: String = "0,5,20,50"

    /// Whether the run compares population methods (chapter 11) rather than drawing chapter-6 paths.
    var isPopulationMode: Bool {
        dimensions != nil || budget != nil
            || optimizer.split(separator: ",").contains { (try? MetaheuristicKind.named(String($0))) != nil }
    }

    func validate() throws {
        if isPopulationMode { return try validatePopulationMode() }
        _ = try testFunction()
        _ = try minimizers()
        guard steps >= 0 else { throw CLIError("--steps must be ≥ 0, got \(steps)") }
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw CLIError("--learning-rate must be a positive number, got \(learningRate)")
        }
        _ = try startPoint()
    }

    func testFunction() throws -> TestFunction {
        do { return try TestFunction.named(function) } catch {
            throw CLIError("--function: \(error)")
        }
    }

    func minimizers() throws -> [MinimizerKind] { try MinimizerKind.list(optimizer, option: "--optimizer") }

    func startPoint() throws -> Tensor? {
        guard let start else { return nil }
        let parts = start.split(separator: ",", omittingEmptySubsequences: false).map { Float(CatalogueLookup.normalized($0)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else {
            throw CLIError("--start must be two numbers x,y, got '\(start)'")
        }
        return Tensor([x, y])
    }

    func run() throws {
        if isPopulationMode { return try runPopulationMode() }
        let f = try testFunction()
        let origin = try startPoint() ?? f.start
        let paths = try minimizers().map { kind in
            let minimizer = kind.makeMinimizer(learningRate: learningRate, epochs: steps)
            do {
                return (kind.name, try minimizer.minimize(f.callAsFunction, from: origin))
            } catch let error as NewtonMethodError {
                throw CLIError("\(error)")
            }
        }
        let text: String = switch format {
        case .csv: Self.csv(paths)
        case .json: Self.json(function: f, paths)
        case .svg: PathPlot(function: f, paths: paths).svg()
        }
        try CommandOutput.write(text, to: output)
    }

    /// `step,x,y,f` (step 0 is the start); with several optimizers a leading `optimizer` column.
    static func csv(_ paths: [(String, MinimizationResult)]) -> String {
        let several = paths.count > 1
        var lines = [several ? "optimizer,step,x,y,f" : "step,x,y,f"]
        for (name, result) in paths {
            for (step, (point, value)) in zip(result.path, result.values).enumerated() {
                let row = "\(step),\(point.scalars[0]),\(point.scalars[1]),\(value)"
                lines.append(several ? "\(name),\(row)" : row)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(function: TestFunction, _ paths: [(String, MinimizationResult)]) -> String {
        func number(_ v: Float) -> String { v.isFinite ? "\(v)" : "null" }
        let entries = paths.map { name, result in
            let points = zip(result.path, result.values).map { p, v in
                "[\(number(p.scalars[0])), \(number(p.scalars[1])), \(number(v))]"
            }
            return """
              {"optimizer": "\(name)", "converged": \(result.converged), "steps": \(result.steps), "minimum": [\(result.minimum.scalars.map(number).joined(separator: ", "))],
               "path": [\(points.joined(separator: ", "))]}
            """
        }
        return "{\"function\": \"\(function.name)\", \"paths\": [\n\(entries.joined(separator: ",\n"))\n]}\n"
    }
}
