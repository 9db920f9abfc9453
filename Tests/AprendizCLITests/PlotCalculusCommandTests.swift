import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz plot calculus`, run in-process writing to a temporary file. The titles carry the numbers the
/// figures compute; the expected values are derived by hand.
@Suite struct PlotCalculusCommandTests {
    static func run(_ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PlotCalculusCommand.parse(arguments + ["--out", path]).run()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(arguments: CalculusFigure.allCases)
    func writesAnSVG(_ figure: CalculusFigure) throws {
        let svg = try Self.run([figure.rawValue])
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains(figure.section))
        #expect(svg.contains("<path") || svg.contains("<polyline"))
    }

    /// d/dx (x³ − 2x) at 1 = 3 − 2 = 1; ∫₀⁴ (1 + x/2 + sin 2x) dx = 4 + 4 + (1 − cos 8)/2 = 8.572750…;
    /// ∂/∂x (x² + 3xy + 2y²) = 2x + 3y = −4 and ∂/∂y = 3x + 4y = −5 at (1, −2).
    @Test func titlesShowTheComputedValues() throws {
        #expect(try Self.run(["derivative"]).contains("f′(1) ≈ 1.000000"))
        #expect(try Self.run(["integral"]).contains(String(format: "%.6f", 8 + (1 - cos(8.0)) / 2)))
        let partial = try Self.run(["partial-derivatives"])
        #expect(partial.contains("∂f/∂x ≈ -4.0000") && partial.contains("∂f/∂y ≈ -5.0000"))
    }

    @Test func rejectsAnUnknownFigure() {
        #expect(throws: (any Error).self) { try PlotCalculusCommand.parse(["hessian"]) }
    }
}
