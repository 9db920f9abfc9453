import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz plot activation`, run in-process through the parsed command writing to a temporary file.
@Suite struct PlotActivationCommandTests {
    static func run(_ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = try PlotActivationCommand.parse(arguments + ["--out", path])
        try command.run()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The CSV on the integers −100…100 against the PyTorch fixture at the grid points they share
    /// (±0, ±1, ±3, ±5, ±10, ±20, ±100): sigmoid, GELU and the leaky ReLU with --alpha 0.1.
    @Test(arguments: [("sigmoid", [String](), [String: Double]()), ("gelu", [], [:]),
                      ("leaky-relu", ["--alpha", "0.1"], ["alpha": 0.1])])
    func csvMatchesPyTorch(_ name: String, _ extra: [String], _ args: [String: Double]) throws {
        let text = try Self.run([name, "--from", "-100", "--to", "100", "--points", "201", "--format", "csv"] + extra)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "x,f,df")
        #expect(lines.count == 202)
        let rows = Dictionary(lines.dropFirst().map { line -> (Float, [Float]) in
            let cells = line.split(separator: ",").map { Float(String($0))! }
            return (cells[0], Array(cells[1...]))
        }, uniquingKeysWith: { first, _ in first })
        let fixture = try JSONDecoder().decode(CLIActivationFixture.self,
                                               from: Data(contentsOf: ReferenceFixture.fixtureURL("activations.json")))
        let entry = fixture.functions.first { $0.name == name && $0.args == args }!
        var compared = 0
        for (i, x) in fixture.grid.enumerated() {
            guard let row = rows[x] else { continue }
            expectClose(row[0], entry.f.data[i]!, absolute: 1e-6, relative: 1e-5, "\(name) f(\(x))")
            expectClose(row[1], entry.df.data[i]!, absolute: 1e-6, relative: 1e-5, "\(name) f′(\(x))")
            compared += 1
        }
        #expect(compared == 14)  // −0, +0, ±1, ±3, ±5, ±10, ±20, ±100
    }

    @Test func everyNameWorksInBothFormats() throws {
        for activation in Activation.allCases {
            let csv = try Self.run([activation.name, "--points", "11"])
            #expect(csv.split(separator: "\n").count == 12, "\(activation.name)")
            let svg = try Self.run([activation.name, "--format", "svg"])
            #expect(svg.contains("<svg") && svg.contains("</svg>") && svg.contains(activation.name), "\(activation.name)")
        }
    }

    @Test func listNamesEveryActivation() throws {
        let names = try Self.run(["--list"]).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        #expect(names == Activation.allCases.map(\.name))
    }

    /// Docs/Activations.md carries the table that `--table` prints (regenerate it with
    /// `aprendiz plot activation --table` when the catalogue changes).
    @Test func documentationHasTheCurrentTable() throws {
        let table = try Self.run(["--table"])
        let docs = ReferenceFixture.fixtureURL("x").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/Activations.md")
        #expect(try String(contentsOf: docs, encoding: .utf8).contains(table))
    }

    @Test func badArgumentsAreRejected() {
        #expect(throws: (any Error).self) { try PlotActivationCommand.parse(["swishy"]) }
        #expect(throws: (any Error).self) { try PlotActivationCommand.parse(["relu", "--alpha", "0.2"]) }
        #expect(throws: (any Error).self) { try PlotActivationCommand.parse(["relu", "--from", "2", "--to", "1"]) }
        #expect(throws: (any Error).self) { try PlotActivationCommand.parse(["relu", "--points", "1"]) }
    }
}

/// The parts of Tests/Fixtures/activations.json this suite reads.
struct CLIActivationFixture: Decodable {
    struct Function: Decodable {
        let name: String
        let args: [String: Double]
        let f: ReferenceFixture.Array
        let df: ReferenceFixture.Array
    }
    let grid: [Float]
    let functions: [Function]
}
