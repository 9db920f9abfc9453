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
        Optimizers: \(MinimizerCatalogue.names.joined(separator: ", ")) (several, comma-separated, share one plot).
        Example: aprendiz minimize --function rosenbrock --optimizer gd,momentum,adam,newton --lr 0.001 --steps 500 --format svg --out paths.svg
        Population mode (chapter 11, with --dimensions or --budget, or a method among \(MetaheuristicKind.allCases.map(\.rawValue).joined(separator: ", "))):
          aprendiz minimize --function rastrigin --dimensions 30 --optimizer pso,ga,de,cmaes,adam --budget 100000 --seeds 10 --format svg
        n-dimensional functions: \(ScalableTestFunction.all.map(\.name).joined(separator: ", ")).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, svg, json }

    @Option(help: "The test function to minimize.")
    var function: String = "rosenbrock"

    @Option(help: "Optimizer name(s), comma-separated.")
    var optimizer: String = "gd"

    @Option(help: "Learning rate η (default: each optimizer's own default).")
    var lr: Float?

    @Option(help: "Maximum number of updates.")
    var steps: Int = 100

    @Option(help: "Starting point x,y (default: the function's customary start).")
    var start: String?

    @Option(help: "Output format: csv (step,x,y,f), svg (contours with paths) or json.")
    var format: Format = .csv

    @Option(help: "Output file (default: standard output).")
    var out: String?

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
        dimensions != nil || budget != nil || optimizerNames.contains { MetaheuristicKind(rawValue: $0) != nil }
    }

    func validate() throws {
        if isPopulationMode { return try validatePopulationMode() }
        guard TestFunction.named(function) != nil else {
            throw ValidationError("unknown function '\(function)'; choose one of \(TestFunction.all.map(\.name).joined(separator: ", "))")
        }
        for name in optimizerNames where !MinimizerCatalogue.names.contains(name) {
            throw ValidationError("unknown optimizer '\(name)'; choose from \(MinimizerCatalogue.names.joined(separator: ", "))")
        }
        guard steps >= 0 else { throw ValidationError("--steps must be ≥ 0, got \(steps)") }
        if let lr, !(lr.isFinite && lr > 0) { throw ValidationError("--lr must be a positive number, got \(lr)") }
        _ = try startPoint()
    }

    var optimizerNames: [String] {
        optimizer.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    func startPoint() throws -> Tensor? {
        guard let start else { return nil }
        let parts = start.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else {
            throw ValidationError("--start must be two numbers x,y, got '\(start)'")
        }
        return Tensor([x, y])
    }

    func run() throws {
        if isPopulationMode { return try runPopulationMode() }
        let f = TestFunction.named(function)!
        let origin = try startPoint() ?? f.start
        let paths = try optimizerNames.map { name in
            let minimizer = MinimizerCatalogue.minimizer(named: name, learningRate: lr, epochs: steps)!
            do {
                return (name, try minimizer.minimize(f.callAsFunction, from: origin))
            } catch let error as NewtonMethodError {
                throw ValidationError("\(error)")
            }
        }
        let text: String = switch format {
        case .csv: Self.csv(paths)
        case .json: Self.json(function: f, paths)
        case .svg: PathPlot(function: f, paths: paths).svg()
        }
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write '\(out)': \(error.localizedDescription)")
            }
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
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
