import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain curse-of-dimensionality`: distances concentrate as the dimension grows (§16.2).
struct ExplainCurseOfDimensionalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curse-of-dimensionality",
        abstract: "Show distances concentrating as the dimension grows: nearest / farthest neighbour distance (§16.2).",
        discussion: """
        Draws --points points uniformly in the unit cube [0, 1]ᵈ for each dimension d and, for each of the first
        --queries points, the ratio of the distance to its nearest other point to the distance to its farthest:
            r(d) = min_j ‖xᵢ − xⱼ‖ / max_j ‖xᵢ − xⱼ‖      (mean over the query points)
        In one dimension r is near 0; as d grows r tends to 1 — every point is about as far as every other,
        so nearest-neighbour methods lose their meaning (Beyer et al. 1999).
        Example: aprendiz explain curse-of-dimensionality --output curse.svg
        """
    )

    @Option(help: "Comma-separated dimensions.")
    var dimensions: String = "1,2,5,10,20,50,100,200,500,1000"

    @Option(help: "Points drawn per dimension.")
    var points: Int = 500

    @Option(help: "Points whose ratio is averaged.")
    var queries: Int = 50

    @Option(help: "Seed of the uniform draws.")
    var seed: UInt64 = 0

    @Option(name: [.customLong("output"), .customLong("out")], help: "Also write an SVG plot of the ratio against the dimension.")
    var output: String?

    func run() throws {
        let dims = try dimensions.split(separator: ",").map { text -> Int in
            guard let d = Int(text.trimmingCharacters(in: .whitespaces)), d >= 1 else {
                throw CLIError("--dimensions: '\(text)' is not a positive integer")
            }
            return d
        }
        guard points >= 2 else { throw CLIError("--points must be at least 2, got \(points)") }
        guard (1...points).contains(queries) else { throw CLIError("--queries must be in 1...\(points), got \(queries)") }
        let ratios = dims.map { Self.meanRatio(dimension: $0, points: points, queries: queries, seed: seed) }
        var lines = ["Nearest / farthest neighbour distance, \(points) uniform points in [0, 1]ᵈ, mean over \(queries) points (seed \(seed))",
                     "dimension  min/max distance"]
        for (d, r) in zip(dims, ratios) { lines.append(String(format: "%9d  %.4f", d, r)) }
        print(lines.joined(separator: "\n"))
        if let output {
            var figure = Figure(width: 720, height: 440, title: "Distance concentration (§16.2): \(points) uniform points")
            figure.axes.xLabel = "dimension d"
            figure.axes.yLabel = "nearest / farthest distance"
            figure.axes.xScale = .log
            figure.axes.plot(x: dims.map(Double.init), y: ratios, label: "min ‖xᵢ − xⱼ‖ / max ‖xᵢ − xⱼ‖",
                             style: LineStyle(marker: .circle))
            try CommandOutput.write(figure.svg(), to: output)
        }
    }

    /// The mean over the first `queries` points of min_j ‖xᵢ − xⱼ‖ / max_j ‖xᵢ − xⱼ‖ for `points` uniform points.
    static func meanRatio(dimension d: Int, points n: Int, queries: Int, seed: UInt64) -> Double {
        var generator = RandomGenerator(seed: seed &+ UInt64(d))
        let x = (0..<(n * d)).map { _ in generator.nextUniformDouble() }
        var total = 0.0
        for i in 0..<queries {
            var (nearest, farthest) = (Double.infinity, 0.0)
            for j in 0..<n where j != i {
                var s = 0.0
                for f in 0..<d { let t = x[i * d + f] - x[j * d + f]; s += t * t }
                (nearest, farthest) = (min(nearest, s), max(farthest, s))
            }
            total += (nearest / farthest).squareRoot()
        }
        return total / Double(queries)
    }
}
