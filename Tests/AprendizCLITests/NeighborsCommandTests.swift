import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz train --model knn|naive-bayes`: the CLI's test score is the library estimator's on the same split,
/// and the saved file loads back to the same model kind.
@Suite(.serialized) struct NeighborsCommandTests {
    /// Trains `model` with `parameters` on `dataset`, returns the summary and the reloaded fit.
    func train(_ model: String, _ parameters: [String], dataset: String) throws -> (ClassicTraining.Summary, ClassicFit) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("model.safetensors").path, report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", dataset, "--model", model] + parameters.flatMap { ["--param", $0] }
                       + ["--save", file, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let (fit, _) = try #require(try ClassicFit.load(file))
        return (summary, fit)
    }

    @Test func knnClassifierAndRegressorMatchTheLibrary() throws {
        let (summary, fit) = try train("knn", ["k=7", "weights=distance", "p=1"], dataset: "wine")
        let data = try DataPreparation.load(.bundled(.wine), seed: 0)
        let library = try KNeighborsClassifier(neighbors: 7, weights: .distance, metric: .manhattan)
            .fit(data.train.inputs, data.train.targets.reshaped([-1]))
        #expect(abs(summary.metrics["accuracy"]! - library.score(data.test.inputs, data.test.targets.reshaped([-1]))) < 1e-6)
        guard case .model(let saved) = fit, let model = saved.fitted as? KNeighborsClassifierModel else { Issue.record("knn saved as \(fit)"); return }
        #expect(model == library)

        let (regression, regressionFit) = try train("knn", ["k=3"], dataset: "diabetes")
        let diabetes = try DataPreparation.load(.bundled(.diabetes), seed: 0)
        let regressor = try KNeighborsRegressor(neighbors: 3).fit(diabetes.train.inputs, diabetes.train.targets.reshaped([-1]))
        let r2 = r2Score(predictions: regressor.predict(diabetes.test.inputs), targets: diabetes.test.targets.reshaped([-1]))
        #expect(abs(regression.metrics["r2"]! - r2) < 1e-6)
        guard case .model(let savedRegressor) = regressionFit else { Issue.record("knn regressor saved as \(regressionFit)"); return }
        #expect(savedRegressor.fitted is KNeighborsRegressorModel)
    }

    @Test func naiveBayesVariants() throws {
        let data = try DataPreparation.load(.bundled(.iris), seed: 0)
        let (summary, fit) = try train("naive-bayes", [], dataset: "iris")
        let library = try GaussianNB().fit(data.train.inputs, data.train.targets.reshaped([-1]))
        #expect(abs(summary.metrics["accuracy"]! - library.score(data.test.inputs, data.test.targets.reshaped([-1]))) < 1e-6)
        guard case .model(let saved) = fit else { Issue.record("naive-bayes saved as \(fit)"); return }
        #expect(saved.fitted is GaussianNBModel)
        let (_, bernoulli) = try train("naive-bayes", ["variant=bernoulli", "binarize=0.5", "alpha=0.5"], dataset: "iris")
        guard case .model(let savedBernoulli) = bernoulli else { Issue.record("bernoulli saved as \(bernoulli)"); return }
        #expect((savedBernoulli.fitted as? BernoulliNBModel)?.estimator == (try BernoulliNB(alpha: 0.5, binarize: 0.5)))
        #expect(throws: (any Error).self) { try train("naive-bayes", ["variant=poisson"], dataset: "iris") }
        #expect(throws: (any Error).self) { try train("knn", ["metric=hamming"], dataset: "iris") }
    }
}
