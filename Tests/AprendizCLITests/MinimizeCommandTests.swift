import Aprendiz
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AprendizCLI

/// `aprendiz minimize`, in-process, writing to a temporary file.
@Suite struct MinimizeCommandTests {
    static func run(_ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MinimizeCommand.parse(arguments + ["--out", path]).run()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Booth f = (x + 2y − 7)² + (2x + y − 5)² is quadratic with its minimum at (1, 3) (by hand: the
    /// normal equations 5x + 4y = 17, 4x + 5y = 19), so Newton's step (eq. 6.21) lands there at once.
    @Test func newtonPathOnBoothIsCSVEndingAtTheMinimum() throws {
        let lines = try Self.run(["--function", "booth", "--optimizer", "newton", "--start=-4,-2", "--steps", "5",
                                  "--format", "csv"]).split(separator: "\n")
        #expect(lines.first == "step,x,y,f")
        #expect(lines[1] == "0,-4.0,-2.0,\(Float(pow(-4.0 - 4 - 7, 2) + pow(-8.0 - 2 - 5, 2)))")
        let last = lines.last!.split(separator: ",").map { Float(String($0))! }
        #expect(Swift.abs(last[1] - 1) < 1e-4 && Swift.abs(last[2] - 3) < 1e-4 && last[3] < 1e-6)
    }

    /// Several optimizers on one contour plot: valid XML with a legend entry per optimizer.
    @Test func svgOfSeveralOptimizersParsesAndNamesEachPath() throws {
        let svg = try Self.run(["--function", "rosenbrock", "--optimizer", "gd,adam,newton", "--lr", "0.001",
                                "--steps", "50", "--format", "svg"])
        #if canImport(FoundationXML)
        _ = try FoundationXML.XMLDocument(xmlString: svg)
        #else
        _ = try XMLDocument(xmlString: svg)
        #endif
        for name in ["gd", "adam", "newton"] { #expect(svg.contains(">\(name)<")) }
    }

    @Test func unknownFunctionIsRejected() {
        #expect(throws: (any Error).self) { try MinimizeCommand.parse(["--function", "nope"]).run() }
    }
}
