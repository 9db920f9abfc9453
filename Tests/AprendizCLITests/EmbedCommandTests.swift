import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz embed` and `aprendiz explain curse-of-dimensionality`, run in-process.
@Suite struct EmbedCommandTests {
    static func run(_ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try EmbedCommand.parse(arguments + ["--out", path]).run()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// PCA of iris as CSV: one row per flower, centred coordinates, the first axis carrying more variance
    /// than the second (the defining properties of principal components, §16.4.1).
    @Test func pcaCoordinatesAreCentredAndOrderedByVariance() throws {
        let lines = try Self.run(["--method", "pca", "--dataset", "iris", "--format", "csv"]).split(separator: "\n")
        #expect(lines.first == "x,y,label")
        #expect(lines.count == 151)
        let rows = lines.dropFirst().map { $0.split(separator: ",") }
        let (x, y) = (rows.map { Double($0[0])! }, rows.map { Double($0[1])! })
        #expect(abs(x.reduce(0, +) / 150) < 1e-4 && abs(y.reduce(0, +) / 150) < 1e-4)
        #expect(x.map { $0 * $0 }.reduce(0, +) > y.map { $0 * $0 }.reduce(0, +))
        #expect(Set(rows.map { String($0[2]) }) == ["class 0", "class 1", "class 2"])
    }

    /// The SVG has one legend entry per class.
    @Test func svgScatterHasALegendPerClass() throws {
        let svg = try Self.run(["--method", "umap", "--dataset", "iris", "--param", "epochs=20"])
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        for name in ["class 0", "class 1", "class 2"] { #expect(svg.contains(name)) }
    }

    @Test func rejectsUnknownParameters() {
        #expect(throws: (any Error).self) { try Self.run(["--method", "tsne", "--dataset", "iris", "--param", "neighbors=5"]) }
        #expect(throws: (any Error).self) { try Self.run(["--method", "tsne", "--dataset", "iris", "--param", "perplexity"]) }
    }

    /// §16.2: the nearest/farthest distance ratio of uniform points grows towards 1 with the dimension
    /// (about 0.9 at d = 1 000 for 500 points; near 0 at d = 1).
    @Test func distancesConcentrateWithDimension() {
        let ratios = [1, 10, 100, 1000].map { ExplainCurseOfDimensionalityCommand.meanRatio(dimension: $0, points: 200, queries: 10, seed: 1) }
        #expect(ratios == ratios.sorted())
        #expect(ratios[0] < 0.05 && ratios[3] > 0.8)
    }
}
