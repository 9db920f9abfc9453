import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// End to end: the demo, and train → save → evaluate → predict on the iris CSV.
@Suite(.serialized) struct TrainCommandTests {
    @Test func quickDemoWritesAReportWithMetricsAndValidSVG() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        try runCommand(DemoCommand.self, ["--epochs", "1", "--quiet", "--report", report.path])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        #expect(summary.testExamples == 360)  // ⌈0.2 × 1797⌉ digits
        #expect(summary.settings.model == .convnet)
        let accuracy = try #require(summary.test["accuracy"])
        #expect(accuracy > 0.5)  // 10 classes: chance is 0.1
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains(String(format: "%.4f", accuracy)))
        #expect(html.contains("Confusion matrix"))
        #expect(!html.contains("<?xml"))
        for name in ["loss", "accuracy", "confusion"] {
            let svg = try String(contentsOf: report.appendingPathComponent("\(name).svg"), encoding: .utf8)
            #expect(isWellFormedXML(svg), "\(name).svg")
            let inlined = ReportPage.withoutXMLDeclaration(svg).replacingOccurrences(of: "id=\"clip", with: "id=\"\(name)-clip")
                .replacingOccurrences(of: "url(#clip", with: "url(#\(name)-clip")
            #expect(html.contains(inlined), "\(name) inlined with its own ids")
        }
        // The confusion matrix adds up to the test examples.
        #expect(summary.confusionMatrix?.joined().reduce(0, +) == 360)
    }

    @Test func trainSaveEvaluatePredictRoundTripOnIrisCSV() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("iris.safetensors").path
        let report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "csv:\(try irisCSVPath()):target=target", "--hidden", "16", "--epochs", "30",
                                           "--lr", "0.01", "--seed", "3", "--save", model, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let trainAccuracy = try #require(summary.test["accuracy"])
        #expect(trainAccuracy > 0.85)
        #expect(summary.epochs.count == 30 && summary.trainExamples + summary.testExamples == 150)

        // evaluate reloads the model and the stored standardisation and re-creates the same test split.
        let (network, metadata) = try ModelMetadata.loadModel(model)
        #expect(metadata.mean?.count == 4 && metadata.task == .classification && metadata.classCount == 3)
        let data = try DataPreparation.load(.csv(path: try irisCSVPath(), target: "target"), seed: 3, standardizer: metadata.standardizer)
        let outputs = Trainer(model: network, loss: .crossEntropy, optimizer: SGD(parameters: [])).predict(data.test.inputs)
        #expect(accuracy(scores: outputs, labels: data.test.targets) == trainAccuracy)
        try runCommand(EvaluateCommand.self, ["--model", model, "--dataset", "csv:\(try irisCSVPath())"])

        // predict: one row per input row, probabilities summing to 1, the predicted class their argmax.
        let predictions = folder.appendingPathComponent("predictions.csv").path
        try runCommand(PredictCommand.self, ["--model", model, "--input", try irisCSVPath(), "--output", predictions])
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "prob_0,prob_1,prob_2,predicted")
        #expect(lines.count == 151)
        let labels = try BundledDataset.iris.load().targets.scalars
        var correct = 0
        for (row, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",").map { Double(String($0))! }
            #expect(abs(cells[0..<3].reduce(0, +) - 1) < 1e-4)
            let argmax = cells[0..<3].enumerated().max { $0.element < $1.element }!.offset
            #expect(Int(cells[3]) == argmax)
            if Float(argmax) == labels[row] { correct += 1 }
        }
        #expect(Double(correct) / 150 > 0.85)
    }

    /// A model with a parameterised or learned activation (GELU, PReLU, Swish) is saved and reloaded
    /// with its architecture, and gives the test accuracy training reported.
    @Test(arguments: ["gelu-tanh", "prelu", "swish"])
    func saveAndReloadWithAnyActivation(_ activation: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("iris.safetensors").path
        let report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--activation", activation, "--hidden", "8", "--epochs", "5",
                                           "--seed", "2", "--save", model, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let (network, metadata) = try ModelMetadata.loadModel(model)
        let data = try DataPreparation.load(.bundled(.iris), seed: 2, standardizer: metadata.standardizer)
        let outputs = Trainer(model: network, loss: .crossEntropy, optimizer: SGD(parameters: [])).predict(data.test.inputs)
        #expect(accuracy(scores: outputs, labels: data.test.targets) == summary.test["accuracy"])
    }

    @Test func regressionOnDiabetesReportsMSE() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--model", "linear-regression", "--solver", "gd", "--epochs", "2", "--quiet", "--report", report.path])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        #expect(summary.task == .regression && summary.test["mse"] != nil && summary.confusionMatrix == nil)
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("mse.svg").path))
    }
}
