import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz minimize` in population mode and `aprendiz train --optimizer pso` (chapter 11).
@Suite struct MinimizePopulationTests {
    @Test func jsonReportsEveryMethodOverTheSeeds() throws {
        let text = try MinimizeCommandTests.run(["--function", "sphere", "--dimensions", "5", "--optimizer", "pso,de,gd",
                                                 "--budget", "2000", "--seeds", "3", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let results = object["results"] as! [[String: Any]]
        #expect(results.map { $0["optimizer"] as! String } == ["pso", "de", "gd"])
        for result in results {
            #expect((result["bests"] as! [Double]).count == 3)
            // Sphere's minimum is 0 (by hand); gd (η 0.01) shrinks x by 0.98 per step; 2 000 evaluations in 5-D get every method below 10⁻².
            #expect((result["median_best"] as! Double) < 1e-2, "\(result["optimizer"]!)")
        }
    }

    @Test func twoDimensionalSVGDrawsThePopulations() throws {
        let svg = try MinimizeCommandTests.run(["--function", "rastrigin", "--dimensions", "2", "--optimizer", "pso,cmaes",
                                                "--budget", "500", "--seeds", "2", "--snapshots", "0,3", "--format", "svg"])
        #expect(isWellFormedXML(svg))
        #expect(svg.contains("pso: population at generations 0, 3") && svg.contains("cmaes: population at generations 0, 3"))
    }

    @Test func badPopulationSettingsAreRejected() {
        #expect(errorMessage { _ = try MinimizeCommand.parse(["--function", "beale", "--dimensions", "4"]) }?
            .contains("unknown function 'beale' for --dimensions/--budget") == true)
        #expect(errorMessage { _ = try MinimizeCommand.parse(["--function", "sphere", "--optimizer", "pso,swarm"]) }?
            .contains("unknown optimizer 'swarm'") == true)
    }

    @Test func trainsIrisWithoutGradients() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--hidden", "8", "--activation", "tanh", "--optimizer", "pso",
                                           "--epochs", "30", "--quiet", "--save", path])
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
