import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz train --model decision-tree|random-forest|extra-trees` and `aprendiz plot tree` end to end.
@Suite(.serialized) struct TreeCommandTests {
    @Test func trainSaveLoadAndPlotATree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tree.safetensors"), svg = folder.appendingPathComponent("tree.svg")
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "decision-tree", "--param", "max-depth=3",
                                           "--param", "criterion=entropy", "--save", file.path, "--report", folder.appendingPathComponent("r").path])
        let model = try DecisionTreeClassificationModel(contentsOf: file)
        #expect(model.tree.depth <= 3 && model.hyperParameters["criterion"] == "entropy")
        try runCommand(PlotTreeCommand.self, ["--model", file.path, "--max-depth", "2", "--output", svg.path])
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(isWellFormedXML(text))
        #expect(text.contains("samples = ") && text.contains("True") && text.contains("False"))
    }

    @Test func forestsFitBothTasks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("forest.safetensors")
        try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--model", "random-forest", "--param", "n-estimators=5",
                                           "--save", file.path, "--report", folder.appendingPathComponent("r").path])
        #expect(try ForestRegressionModel(contentsOf: file).trees.count == 5)
        try runCommand(TrainCommand.self, ["--dataset", "wine", "--model", "extra-trees", "--param", "n-estimators=4",
                                           "--param", "max-features=0.5", "--save", file.path, "--report", folder.appendingPathComponent("r").path])
        let forest = try ForestClassificationModel(contentsOf: file)
        #expect(forest.trees.count == 4 && forest.estimator == "ExtraTreesClassifier")
        #expect(throws: (any Error).self) {
            try runCommand(TrainCommand.self, ["--dataset", "wine", "--model", "random-forest", "--param", "n-estimators=0",
                                               "--report", folder.appendingPathComponent("bad").path])
        }
    }
}
