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
        }
        // Sphere's minimum is 0 (by hand); 2 000 evaluations in 5-D get PSO and DE below 10⁻².
        for result in results.prefix(2) { #expect((result["median_best"] as! Double) < 1e-2, "\(result["optimizer"]!)") }
        // gd with its default η = 0.001 scales x by 1 − 2η = 0.998 per step: after 1 999 steps f ≤ 0.998^3998 × f₀,
        // and f₀ ≤ 5 × 5.12² = 131.072 (the corner of the box), so f ≤ 2.41.
        #expect((results[2]["max_best"] as! Double) < pow(0.998, 3998) * 131.072)
    }

    @Test func twoDimensionalSVGDrawsThePopulations() throws {
        let svg = try MinimizeCommandTests.run(["--function", "rastrigin", "--dimensions", "2", "--optimizer", "pso,cmaes",
                                                "--budget", "500", "--seeds", "2", "--snapshots", "0,3", "--format", "svg"])
        #expect(isWellFormedXML(svg))
        #expect(svg.contains("pso: population at generations 0, 3") && svg.contains("cmaes: population at generations 0, 3"))
    }

    @Test func badPopulationSettingsAreRejected() {
        #expect(errorMessage { _ = try MinimizeCommand.parse(["--function", "beale", "--dimensions", "4"]) }?
            .contains("--function (with --dimensions/--budget): unknown function 'beale'") == true)
        #expect(errorMessage { _ = try MinimizeCommand.parse(["--function", "sphere", "--optimizer", "pso,swarm"]) }?
            .contains("--optimizer: unknown minimizer 'swarm'") == true)
        #expect(errorMessage { _ = try MinimizeCommand.parse(["--function", "sphere", "--optimizer", "pso", "--lr", "0.1"]) }
                == "--learning-rate and --start apply to chapter-6 paths, not to the population mode")
    }

    /// `train --optimizer` takes the gradient optimizers and the metaheuristics from one catalogue.
    @Test func trainOptimizerListsBothFamilies() throws {
        #expect(try TrainCommand.parse(["--dataset", "iris", "--optimizer", " PSO"]).optimizer == .metaheuristic(.pso))
        #expect(try TrainCommand.parse(["--dataset", "iris", "--optimizer", "nag"]).optimizer == .gradient(.nag))
        #expect(try TrainCommand.parse(["--dataset", "iris"]).optimizer == .gradient(.adam))
        let help = TrainCommand.helpMessage(columns: 1000)
        for name in OptimizerKind.names + MetaheuristicKind.names { #expect(help.contains(name), "train --help lacks \(name)") }
        let message = try #require(errorMessage { _ = try TrainCommand.parse(["--dataset", "iris", "--optimizer", "swarm"]) })
        #expect(message.contains("--optimizer") && message.contains("unknown optimizer 'swarm'") && message.contains("cmaes"))
        #expect(errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--optimizer", "ga", "--lr", "0.1", "--quiet"]) }
                == "--learning-rate does not apply to --optimizer ga (no gradient steps)")
    }

    @Test func trainsIrisWithoutGradients() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--hidden", "8", "--activation", "tanh", "--optimizer", "pso",
                                           "--epochs", "30", "--quiet", "--save", path])
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
