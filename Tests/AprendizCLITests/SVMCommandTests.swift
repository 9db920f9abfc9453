import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz train --model svc|svr|linear-svc|nu-svc|linear-svr` and `aprendiz plot decision-boundary` (chapter 14).
@Suite struct SVMCommandTests {
    /// The CLI's SVC on iris is AprendizClassic's SVC fitted on the same split, and its file loads back to it.
    @Test func svcTrainsSavesAndLoads() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("svc.safetensors").path, report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "svc", "--param", "kernel=rbf", "--param", "C=10",
                                           "--param", "gamma=auto", "--save", file, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let data = try DataPreparation.load(.bundled(.iris), seed: 0)
        let library = try SVC(c: 10, parameters: SupportVectorParameters(gamma: .auto))
            .fit(data.train.inputs, data.train.targets.reshaped([-1]))
        let accuracy = library.score(data.test.inputs, data.test.targets.reshaped([-1]))
        #expect(abs(summary.metrics["accuracy"]! - accuracy) < 1e-6, "CLI accuracy \(summary.metrics["accuracy"]!) vs library \(accuracy)")
        let (fit, _) = try #require(try ClassicFit.load(file))
        guard case .model(let model) = fit, let saved = model.fitted as? SVCModel else { Issue.record("svc saved as \(fit)"); return }
        #expect(saved.supportIndices == library.supportIndices && saved.dualCoefficients == library.dualCoefficients
                && saved.intercept == library.intercept && saved.kernel == library.kernel)
    }

    @Test func svrAndLinearSVCTrain() throws {
        let folder = try temporaryFolder()   // the reports go here, not into the working directory
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, arguments) in [("svr", ["--dataset", "diabetes", "--model", "svr", "--param", "c=100", "--param", "epsilon=5"]),
                                  ("linear-svc", ["--dataset", "iris", "--model", "linear-svc", "--param", "loss=hinge"])] {
            let report = folder.appendingPathComponent(name)
            try runCommand(TrainCommand.self, arguments + ["--report", report.path, "--quiet"])
            #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("metrics.json").path), "\(name): no report")
        }
    }

    /// `nu-svc` and `svc --param probability=true` save Platt sigmoids that load back; `linear-svr` saves and loads.
    @Test func nuSVCProbabilitiesAndLinearSVRSaveAndLoad() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (model, dataset, parameters) in [("nu-svc", "iris", ["nu=0.3", "probability=true"]), ("svc", "wine", ["probability=true", "seed=4"]),
                                             ("linear-svr", "diabetes", ["c=10", "epsilon=1"])] {
            let file = folder.appendingPathComponent("\(model).safetensors").path
            try runCommand(TrainCommand.self, ["--dataset", dataset, "--model", model] + parameters.flatMap { ["--param", $0] }
                           + ["--save", file, "--report", folder.appendingPathComponent("\(model)-report").path, "--quiet"])
            try runCommand(EvaluateCommand.self, ["--model", file, "--dataset", dataset, "--json"])
            let (fit, _) = try #require(try ClassicFit.load(file))
            guard case .model(let loaded) = fit else { Issue.record("\(model) saved as \(fit)"); continue }
            if let svc = loaded.fitted as? SVCModel {
                #expect(svc.probabilityA?.count == 3, "\(model): \(String(describing: svc.probabilityA))")
                #expect(model != "nu-svc" || svc.hyperParameters["nu"] == "0.3")
            } else {
                #expect(loaded.fitted is LinearSVRModel, "\(model) loads as \(type(of: loaded.fitted))")
            }
        }
        let seed = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "svc", "--param", "seed=-1", "--quiet"]) }
        #expect(seed?.contains("seed") == true, "\(seed ?? "no error")")
        let nu = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "nu-svc", "--param", "nu=2", "--quiet"]) }
        #expect(nu?.contains("nu") == true, "\(nu ?? "no error")")
    }

    @Test func badKernelParametersAreNamed() {
        let gamma = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "svc", "--param", "gamma=-1", "--quiet"]) }
        #expect(gamma?.contains("gamma") == true, "\(gamma ?? "no error")")
        let kernel = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "svc", "--param", "kernel=cubic", "--quiet"]) }
        #expect(kernel?.contains("kernel") == true, "\(kernel ?? "no error")")
    }

    /// The figure: well-formed SVG with the regions, the margin levels and the circled support vectors; a
    /// model saved by the command draws again from its file.
    @Test func decisionBoundaryFigure() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("moons.svg").path, model = folder.appendingPathComponent("moons.safetensors").path
        try runCommand(PlotDecisionBoundaryCommand.self, ["--dataset", "moons", "--count", "80", "--resolution", "40", "--model", "svc",
                                                          "--param", "c=10", "--save-model", model, "--output", svg])
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(isWellFormedXML(text) && text.contains("support vectors") && text.contains("margin f(x) = ±1"))
        let saved = try SVCModel(contentsOf: URL(fileURLWithPath: model))
        #expect(text.contains("support vectors (\(saved.supportIndices.count))"))
        try runCommand(PlotDecisionBoundaryCommand.self, ["--dataset", "moons", "--count", "80", "--resolution", "40", "--model", model,
                                                          "--output", svg])
        #expect(isWellFormedXML(try String(contentsOfFile: svg, encoding: .utf8)))
    }
}
