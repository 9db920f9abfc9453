import Aprendiz
import Foundation

/// `aprendiz train --model <classic>`: fits a ``ClassicModel`` on the training part, scores it on the
/// test part (or on the training rows with `--test-fraction 0`), and writes the model file and a report.
enum ClassicTraining {
    /// What `train --json` prints for a classic model.
    struct Summary: Codable {
        var command = "train"
        var version = AprendizVersion.current
        var model: String
        var dataset: String
        var parameters: [String: String]
        /// Whether the features were standardised (tables unless `--no-standardize`; image data sets never: their
        /// pixels are x / 255).
        var standardized: Bool
        var trainExamples: Int
        var testExamples: Int
        /// "test", or "training" with `--test-fraction 0`.
        var scoredOn: String
        var metrics: [String: Float]
        var seconds: Double
        var modelFile: String?
    }

    /// Loads the data, fits and reports.
    static func run(_ model: ClassicModel, options: ClassicOptions, dataset: String, task: LearningTask?, training: TrainingOptions,
                    table: TableOptions, save: String?, report: String) throws {
        let console = training.console
        let parameters = try ClassicParameters(options.parameters, for: model)
        var split = try options.split
        split.missing = table.impute
        let data = try DataPreparation.load(try DatasetSpecifier(parsing: dataset), task: task, seed: training.seed,
                                            limit: training.limit, table: table.csv, split: split).flattened()
        try model.check(data)
        let start = Date()
        let fit = try model.fit(data.train.inputs, data.train.targets.reshaped([-1]), task: data.task, parameters: parameters)
        let seconds = Date().timeIntervalSince(start)
        let metrics = fit.metrics(data.test, task: data.task, classCount: data.classCount)
        var metadata = ModelMetadata(data: data, model: .classic(model), inputShape: data.exampleShape, seed: training.seed)
        metadata.testFraction = split.testFraction
        if let save { try fit.archive(metadata: metadata).write(to: URL(fileURLWithPath: save)) }
        let summary = Summary(model: model.rawValue, dataset: data.name, parameters: parameters.values, standardized: data.standardizer != nil,
                              trainExamples: data.train.count, testExamples: data.test.count,
                              scoredOn: split.testFraction == 0 ? "training" : "test", metrics: metrics, seconds: seconds, modelFile: save)
        try ReportWriter.write(page(summary, fit: fit, featureNames: data.featureNames), to: URL(fileURLWithPath: report))
        let text = metrics.keys.sorted().map { "\($0) \(String(format: "%.4f", metrics[$0]!))" }.joined(separator: "  ")
        console.line("\(summary.scoredOn): \(text)  (\(ElapsedTime.text(seconds)) to fit)")
        if let save { console.line("model written to \(save)") }
        console.line("report written to \(report)/index.html")
        if console.json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
    }

    /// The report: settings, scores, and the model's own sections — coefficients as a table and a bar chart,
    /// feature importances as a bar chart.
    static func page(_ summary: Summary, fit: ClassicFit, featureNames: [String]) throws -> ReportPage {
        var page = ReportPage(title: "\(summary.model) on \(summary.dataset)")
        let settings = [("model", summary.model), ("data set", summary.dataset),
                        ("parameters", summary.parameters.keys.sorted().map { "\($0)=\(summary.parameters[$0]!)" }.joined(separator: " ")),
                        ("standardized features", "\(summary.standardized)"),
                        ("examples", "\(summary.trainExamples) training, \(summary.testExamples) \(summary.scoredOn == "test" ? "test" : "scored (the training rows)")"),
                        ("fit time", ElapsedTime.text(summary.seconds))]
        page.sections.append(("Settings", ReportPage.keyValueTable(settings)))
        page.sections.append(("Scores (\(summary.scoredOn))",
                              ReportPage.table(header: ["metric", "value"],
                                               rows: summary.metrics.keys.sorted().map { [$0, String(format: "%.4f", summary.metrics[$0]!)] })))
        page.files["metrics.json"] = try SummaryJSON.encode(summary)
        let coefficients: Tensor? = switch fit {
        case .linear(let m), .polynomial(let m, _, _): m.coefficients.reshaped([1, -1])
        case .model(let m): (m.fitted as? LogisticModel)?.coefficients
        }
        if let coefficients { addCoefficients(coefficients, to: &page, model: summary.model, featureNames: featureNames) }
        if case .model(let m) = fit, let ranked = m.fitted as? any FeatureImportanceModel {
            let importances = ranked.featureImportances.scalars
            let names = names(count: importances.count, featureNames: featureNames)
            var figure = Figure(width: 720, height: 440, title: "Feature importances of \(summary.model)")
            figure.axes.yLabel = "importance"
            figure.axes.bar(categories: names, values: importances)
            page.figures.append(("importances", "Impurity-based feature importances (summing to 1).", figure))
        }
        return page
    }

    /// Feature names for `count` columns: the data set's when they match, else x0, x1, …
    private static func names(count: Int, featureNames: [String]) -> [String] {
        (0..<count).map { count == featureNames.count ? featureNames[$0] : "x\($0)" }
    }

    /// The coefficients (`[rows, features]`) as a table and a bar chart.
    private static func addCoefficients(_ coefficients: Tensor, to page: inout ReportPage, model: String, featureNames: [String]) {
        let rows = coefficients.shape[0], columns = coefficients.shape[1], w = coefficients.scalars
        let names = names(count: columns, featureNames: featureNames)
        page.sections.append(("Coefficients", ReportPage.table(
            header: ["feature"] + (rows == 1 ? ["coefficient"] : (0..<rows).map { "row \($0)" }),
            rows: (0..<columns).map { j in [names[j]] + (0..<rows).map { String(format: "%.5g", w[$0 * columns + j]) } })))
        var figure = Figure(width: 720, height: 440, title: "Coefficients of \(model)")
        figure.axes.yLabel = "coefficient"
        for row in 0..<rows {
            figure.axes.bar(categories: names, values: Array(w[row * columns..<(row + 1) * columns]), label: rows == 1 ? nil : "row \(row)")
        }
        page.figures.append(("coefficients", "The fitted coefficients (in the units of the features the model saw).", figure))
    }
}
