import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz train|evaluate|predict` with classic models (``ClassicModel``) and `compare models`.
@Suite(.serialized) struct ClassicCommandTests {
    static let hasExecutable = FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)

    /// The CLI's R² for ridge on diabetes is AprendizClassic's Ridge fitted on the same split and scored
    /// with r2Score; the saved file evaluates to the same score, and predicts row by row like the library.
    @Test func ridgeTrainSaveEvaluatePredictRoundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ridge.safetensors").path, report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--model", "ridge", "--param", "alpha=0.5", "--save", file,
                                           "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))

        let data = try DataPreparation.load(.bundled(.diabetes), seed: 0)
        let library = try Ridge(alpha: 0.5).fit(data.train.inputs, data.train.targets.reshaped([-1]))
        let r2 = r2Score(predictions: library.predict(data.test.inputs), targets: data.test.targets.reshaped([-1]))
        #expect(summary.scoredOn == "test" && summary.testExamples == data.test.count)
        #expect(abs(summary.metrics["r2"]! - r2) < 1e-6, "CLI r2 \(summary.metrics["r2"]!) vs library \(r2)")
        #expect(r2 > 0.4 && r2 < 0.6)  // diabetes with a linear model: R² ≈ 0.5 (scikit-learn's user guide)

        let (fit, metadata) = try #require(try ClassicFit.load(file))
        guard case .linear(let saved) = fit else { Issue.record("ridge saved as \(fit)"); return }
        #expect(saved.coefficients == library.coefficients && saved.intercept == library.intercept)
        #expect(metadata.modelKind == .classic(.ridge) && metadata.model == "ridge" && metadata.standardizer != nil)
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Coefficients") && html.contains("<svg"))
    }

    @Test(.enabled(if: hasExecutable)) func evaluateAndPredictWithSavedClassicModels() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let train = try ExecutableTests.run(["train", "--dataset", "diabetes", "--model", "lasso", "--param", "alpha=0.1",
                                             "--save", "lasso.safetensors", "--json"], in: folder)
        #expect(train.status == 0, "\(train.err)")
        let trained = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(train.out.utf8))
        let evaluated = try ExecutableTests.run(["evaluate", "--model", "lasso.safetensors", "--dataset", "diabetes", "--json"], in: folder)
        let evaluation = try JSONDecoder().decode(EvaluateCommand.Evaluation.self, from: Data(evaluated.out.utf8))
        #expect(evaluation.metrics["r2"] == trained.metrics["r2"] && evaluation.examples == trained.testExamples)

        // --solver gd: the same name trained as a one-Dense network; its file evaluates through the network path.
        let gd = try ExecutableTests.run(["train", "--dataset", "diabetes", "--model", "linear-regression", "--solver", "gd", "--epochs", "2",
                                          "--save", "gd.safetensors", "--quiet"], in: folder)
        #expect(gd.status == 0, "\(gd.err)")
        let gdEvaluated = try ExecutableTests.run(["evaluate", "--model", "gd.safetensors", "--dataset", "diabetes", "--json"], in: folder)
        #expect(gdEvaluated.status == 0, "\(gdEvaluated.err)")
        #expect(try JSONDecoder().decode(EvaluateCommand.Evaluation.self, from: Data(gdEvaluated.out.utf8)).metrics["r2"] != nil)

        // Iris classes from all rows in the original units: predict's classes are the library's.
        let iris = try irisCSVPath()
        let logistic = try ExecutableTests.run(["train", "--dataset", "csv:\(iris)", "--model", "logistic-regression", "--no-standardize",
                                                "--test-fraction", "0", "--save", "iris.safetensors", "--quiet"], in: folder)
        #expect(logistic.status == 0, "\(logistic.err)")
        let predicted = try ExecutableTests.run(["predict", "--model", "iris.safetensors", "--input", iris], in: folder)
        let lines = predicted.out.split(separator: "\n")
        #expect(lines.first == "prob_0,prob_1,prob_2,predicted" && lines.count == 151)
        let table = try LabeledTable(contentsOf: BundledDataset.iris.url, targetColumn: "target")
        let library = try LogisticRegression().fit(table.features, table.targets)
        let expected = library.predict(table.features).scalars.map { String(Int($0)) }
        #expect(lines.dropFirst().map { String($0.split(separator: ",").last!) } == expected)
    }

    /// `--no-standardize` coefficients are in the CSV's units: NumPy reading the file with
    /// `safetensors.numpy.load_file` and computing argmax(X Wᵀ + b) on the raw iris rows gets the CLI's accuracy.
    @Test(.enabled(if: ReferencePython.find(importing: "safetensors.numpy, numpy") != nil))
    func pythonReadsClassicModelFiles() throws {
        let python = try #require(ReferencePython.find(importing: "safetensors.numpy, numpy"))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("iris.safetensors").path, report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "softmax-regression", "--no-standardize", "--test-fraction", "0",
                                           "--save", file, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let script = """
        import sys, numpy as np
        from safetensors.numpy import load_file
        m = load_file(sys.argv[1])
        d = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
        w, b = m["coefficients"], m["intercept"]
        print(w.shape[0], w.shape[1], b.shape[0], np.mean(np.argmax(d[:, :-1] @ w.T + b, axis=1) == d[:, -1]))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script, file, try irisCSVPath()]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(Array(fields.prefix(3)) == ["3", "4", "3"], "python printed \(text)")
        #expect(abs((Float(fields.last ?? "") ?? -1) - summary.metrics["accuracy"]!) < 1e-6)
        #expect(summary.metrics["accuracy"]! > 0.95)  // scikit-learn's LogisticRegression on all iris rows: 0.973
    }

    @Test func badParametersAreOneLineErrorsNamingTheParameter() {
        let cases: [([String], String)] = [
            (["--model", "ridge", "--param", "alph=1"], "--param alph: unknown parameter for ridge (known: alpha, fit-intercept)"),
            (["--model", "lasso", "--param", "alpha=x"], "--param alpha=x: not a finite number"),
            (["--model", "lasso", "--param", "max-iter=1.5"], "--param max-iter=1.5: not a whole number"),
            (["--model", "ridge", "--param", "alpha"], "--param 'alpha': expected NAME=VALUE"),
            (["--model", "ridge", "--param", "alpha=-1"], "alpha = -1.0 is invalid"),
            (["--model", "logistic-regression"], "--model logistic-regression is for classification; data set 'diabetes' is regression"),
            (["--model", "mlp", "--param", "alpha=1"], "--param, --test-fraction and --no-standardize apply to classic models"),
            (["--model", "ridge", "--solver", "gd"], "--model ridge has no --solver gd"),
            (["--model", "ridge", "--test-fraction", "1"], "--test-fraction 1.0 is not in [0, 1)"),
        ]
        for (arguments, expected) in cases {
            let message = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--quiet", "--report", "/nonexistent/r"] + arguments) }
            #expect(message?.contains(expected) == true, "\(arguments): \(message ?? "no error")")
            #expect(message?.contains("\n") == false)
        }
    }

    /// Five folds of `compare models` give each model crossValidate's mean over the same stratified folds.
    @Test func compareModelsCrossValidates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        try runCommand(CompareModelsCommand.self, ["--dataset", "iris", "--models", "logistic-regression,softmax-regression",
                                                   "--folds", "5", "--report", report.path])
        let summary = try JSONDecoder().decode(CompareModelsCommand.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        #expect(summary.results.map(\.model) == ["logistic-regression", "softmax-regression"] && summary.metric == "accuracy")
        let table = try LabeledTable(contentsOf: BundledDataset.iris.url, targetColumn: "target")
        let library = try crossValidate(Pipeline(steps: [StandardScaling()], final: LogisticRegression()), table.features, table.targets,
                                        splitter: try StratifiedKFold(folds: 5, shuffle: true, seed: 0))
        #expect(abs(summary.results[0].score - library.mean) < 1e-6 && summary.results[0].foldScores?.count == 5)
        #expect(summary.results.allSatisfy { $0.score > 0.9 })
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("softmax-regression"))
        #expect(errorMessage { try runCommand(CompareModelsCommand.self, ["--dataset", "iris", "--models", "ridge,logistic-regression"]) }?
            .contains("compare models of one task") == true)
    }

    /// Without --folds, compare models scores every model on the one 80/20 split: the library's R² of
    /// LinearRegression and of PolynomialFeatures(degree 2, no bias) → LinearRegression on that split.
    @Test func compareModelsOnOneSplitMatchesTheLibrary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        try runCommand(CompareModelsCommand.self, ["--dataset", "diabetes", "--models", "linear-regression, polynomial-regression",
                                                   "--report", report.path])
        let summary = try JSONDecoder().decode(CompareModelsCommand.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let data = try DataPreparation.load(.bundled(.diabetes), seed: 0)
        let x = data.train.inputs, y = data.train.targets.reshaped([-1]), targets = data.test.targets.reshaped([-1])
        let linear = try LinearRegression().fit(x, y)
        let expansion = try PolynomialFeatures(degree: 2, includeBias: false).fit(x)
        let polynomial = try LinearRegression().fit(expansion.transform(x), y)
        let expected = [r2Score(predictions: linear.predict(data.test.inputs), targets: targets),
                        r2Score(predictions: polynomial.predict(expansion.transform(data.test.inputs)), targets: targets)]
        #expect(summary.metric == "r2" && summary.folds == nil && summary.results.count == 2)
        for (row, r2) in zip(summary.results, expected) { #expect(abs(row.score - r2) < 1e-6, "\(row.model): \(row.score) vs \(r2)") }
    }

    /// `--param ridge:alpha=10` goes to one model, `--param fit-intercept=false` to every listed model that takes it:
    /// the scores equal the library's models fitted with those values on the same split.
    @Test func compareModelsPassesParametersPerModel() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        try runCommand(CompareModelsCommand.self, ["--dataset", "diabetes", "--models", "ridge,lasso", "--param", "ridge:alpha=10",
                                                   "--param", "lasso:alpha=0.5", "--param", "fit-intercept=false", "--report", report.path])
        let summary = try JSONDecoder().decode(CompareModelsCommand.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let data = try DataPreparation.load(.bundled(.diabetes), seed: 0)
        let x = data.train.inputs, y = data.train.targets.reshaped([-1]), targets = data.test.targets.reshaped([-1])
        let ridge = try Ridge(alpha: 10, fitIntercept: false).fit(x, y), lasso = try Lasso(alpha: 0.5, fitIntercept: false).fit(x, y)
        let expected = [r2Score(predictions: ridge.predict(data.test.inputs), targets: targets),
                        r2Score(predictions: lasso.predict(data.test.inputs), targets: targets)]
        for (row, r2) in zip(summary.results, expected) { #expect(abs(row.score - r2) < 1e-6, "\(row.model): \(row.score) vs \(r2)") }
        for (arguments, message) in [(["--param", "svc:c=1"], "'svc' is not one of --models"),
                                     (["--param", "degree=2"], "no listed model takes 'degree'"),
                                     (["--param", "ridge:l1-ratio=2"], "unknown parameter for ridge")] {
            let text = errorMessage {
                try runCommand(CompareModelsCommand.self, ["--dataset", "diabetes", "--models", "ridge,lasso", "--report", report.path] + arguments)
            }
            #expect(text?.contains(message) == true, "\(text ?? "")")
        }
    }

    /// A polynomial model's file (linear coefficients over the expanded features, plus the degree) reloads to
    /// the scores training printed.
    @Test func polynomialModelFileRoundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("poly.safetensors").path, report = folder.appendingPathComponent("report")
        try runCommand(TrainCommand.self, ["--dataset", "diabetes", "--model", "polynomial-regression", "--param", "degree=2",
                                           "--param", "alpha=1", "--save", file, "--report", report.path, "--quiet"])
        let summary = try JSONDecoder().decode(ClassicTraining.Summary.self, from: Data(contentsOf: report.appendingPathComponent("metrics.json")))
        let (fit, metadata) = try #require(try ClassicFit.load(file))
        guard case .polynomial(let model, let degree, _) = fit else { Issue.record("saved as \(fit)"); return }
        #expect(degree == 2 && model.coefficients.shape == [10 + 45 + 10])  // 10 features, 45 products, 10 squares
        let data = try DataPreparation.load(.bundled(.diabetes), seed: metadata.seed, standardizer: metadata.standardizer)
        #expect(fit.metrics(data.test, task: .regression, classCount: 1) == summary.metrics)
    }
}
