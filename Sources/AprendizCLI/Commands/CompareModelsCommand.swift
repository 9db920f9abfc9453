import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz compare models`: several classic models (``ClassicModel``) on one data set — the same
/// train/test split, or the same K folds (`crossValidate(_:_:_:splitter:scoring:)`, stratified for
/// classification) — scored by R² or accuracy, with a table and a bar chart in the report.
struct CompareModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Compare classic models on the same split or the same K folds (R² or accuracy).",
        discussion: "Example: aprendiz compare models --dataset diabetes --models linear-regression,ridge,lasso --folds 5"
    )

    @Option(help: "\(DatasetSpecifier.knownNames.joined(separator: ", ")).")
    var dataset: String

    @Option(help: "Comma-separated classic models of one task: \(ClassicModel.helpList()).", completion: .list(ClassicModel.names))
    var models: String

    @Option(name: .customLong("param"),
            help: ArgumentHelp("A hyper-parameter, MODEL:NAME=VALUE for one model or NAME=VALUE for every listed model that takes it "
                               + "(repeatable), e.g. ridge:alpha=0.1.", valueName: "[model:]name=value"))
    var parameters: [String] = []

    @Option(help: "K-fold cross-validation with this many folds (default: one split with --test-fraction).")
    var folds: Int?

    @Option(help: "Fraction of the rows held out when --folds is not given.")
    var testFraction: Float = DataPreparation.testFraction

    @Flag(name: .customLong("no-standardize"), help: "Fit on the features in their own units.")
    var noStandardize = false

    @Option(help: "Seed of the split or the folds' shuffle.")
    var seed: UInt64 = 0

    @OptionGroup(title: "CSV tables") var table: TableOptions

    @Option(help: "Report folder.")
    var report = "aprendiz-compare"

    @Flag(help: "Print one JSON object with the results on standard output, and nothing else.")
    var json = false

    /// Each model's `--param` values: `MODEL:NAME=VALUE` items go to that model, `NAME=VALUE` items to every listed
    /// model that takes `NAME`.
    /// - Throws: ``CLIError`` for a model not listed, or a name no listed model takes.
    static func parameters(_ items: [String], for kinds: [ClassicModel]) throws -> [ClassicModel: ClassicParameters] {
        var perModel = Dictionary(uniqueKeysWithValues: kinds.map { ($0, [String]()) })
        for item in items {
            let equals = item.firstIndex(of: "=") ?? item.endIndex
            if let colon = item[..<equals].firstIndex(of: ":") {
                let name = String(item[..<colon])
                guard let kind = kinds.first(where: { $0.rawValue == CatalogueLookup.normalized(name) }) else {
                    throw CLIError("--param \(item): '\(name)' is not one of --models (\(kinds.map(\.rawValue).joined(separator: ", ")))")
                }
                perModel[kind]!.append(String(item[item.index(after: colon)...]))
            } else {
                let name = CatalogueLookup.normalized(item[..<equals])
                let takers = kinds.filter { $0.parameterNames.contains(name) }
                guard !takers.isEmpty else {
                    throw CLIError("--param \(item): no listed model takes '\(name)' (write MODEL:NAME=VALUE for one model)")
                }
                for kind in takers { perModel[kind]!.append(item) }
            }
        }
        var result: [ClassicModel: ClassicParameters] = [:]
        for (kind, list) in perModel { result[kind] = try ClassicParameters(list, for: kind) }
        return result
    }

    /// One model's row.
    struct Row: Codable {
        var model: String
        var score: Float
        /// Standard deviation over the folds (nil for one split).
        var standardDeviation: Float?
        var foldScores: [Float]?
        var seconds: Double
    }

    /// What `--json` prints and `metrics.json` holds.
    struct Summary: Codable {
        var command = "compare models"
        var version = AprendizVersion.current
        var dataset: String
        var metric: String
        var folds: Int?
        var testFraction: Float?
        var results: [Row]
    }

    func run() throws {
        let kinds: [ClassicModel]
        do { kinds = try ClassicModel.list(models) } catch { throw CLIError("--models: \(error)") }
        guard LearningTask.allCases.contains(where: { task in kinds.allSatisfy { $0.tasks.contains(task) } }) else {
            throw CLIError("--models: \(kinds.map { "\($0.rawValue) is for \($0.tasks.map(\.rawValue).joined(separator: " and "))" }.joined(separator: ", ")); compare models of one task")
        }
        let settings = try Self.parameters(parameters, for: kinds)
        if let folds, folds < 2 { throw CLIError("--folds must be at least 2, got \(folds)") }
        guard testFraction > 0, testFraction < 1 else { throw CLIError("--test-fraction \(testFraction) is not in (0, 1)") }
        let console = Console(json: json, quiet: false)
        let specifier = try DatasetSpecifier(parsing: dataset)
        var metric = "accuracy"
        var rows: [Row] = []
        if let folds {
            // All rows, unscaled: each fold standardises with its own training rows.
            let data = try DataPreparation.load(specifier, seed: seed, table: table.csv, split: DataSplit(testFraction: 0, standardize: false, missing: table.impute))
            for kind in kinds { try kind.check(data) }
            let task = data.task
            metric = task == .classification ? "accuracy" : "r2"
            let x = data.train.inputs, y = data.train.targets.reshaped([-1])
            let splitter: any CrossValidator
            do {
                splitter = task == .classification ? try StratifiedKFold(folds: folds, shuffle: true, seed: seed)
                                                   : try KFold(folds: folds, shuffle: true, seed: seed)
            } catch { throw CLIError("--folds: \(error)") }
            for kind in kinds {
                let estimator = ClassicEstimator(model: kind, parameters: settings[kind]!, classCount: data.classCount, task: task)
                let start = Date()
                let result: CrossValidationResult
                do {
                    result = noStandardize ? try crossValidate(estimator, x, y, splitter: splitter)
                        : try crossValidate(Pipeline(steps: [StandardScaling()], final: estimator), x, y, splitter: splitter)
                } catch { throw CLIError("\(error)") }
                rows.append(Row(model: kind.rawValue, score: result.mean, standardDeviation: result.standardDeviation,
                                foldScores: result.scores, seconds: Date().timeIntervalSince(start)))
            }
        } else {
            let data = try DataPreparation.load(specifier, seed: seed, table: table.csv,
                                                split: DataSplit(testFraction: testFraction, standardize: !noStandardize, missing: table.impute))
            for kind in kinds { try kind.check(data) }
            metric = data.task == .classification ? "accuracy" : "r2"
            for kind in kinds {
                let start = Date()
                let fit = try kind.fit(data.train.inputs, data.train.targets.reshaped([-1]), task: data.task,
                                       parameters: settings[kind]!)
                let score = fit.metrics(data.test, task: data.task, classCount: data.classCount)[metric]!
                rows.append(Row(model: kind.rawValue, score: score, seconds: Date().timeIntervalSince(start)))
            }
        }
        let summary = Summary(dataset: specifier.description, metric: metric, folds: folds, testFraction: folds == nil ? testFraction : nil,
                              results: rows)
        try ReportWriter.write(try Self.page(summary), to: URL(fileURLWithPath: report))
        for row in rows {
            let spread = row.standardDeviation.map { String(format: " ± %.4f", $0) } ?? ""
            console.line("\(row.model.padding(toLength: 22, withPad: " ", startingAt: 0)) \(metric) \(String(format: "%.4f", row.score))\(spread)")
        }
        console.line("report written to \(report)/index.html")
        if json { console.printJSON(try SummaryJSON.encode(summary, pretty: false)) }
    }

    /// The report: the scores as a table and a bar chart.
    static func page(_ summary: Summary) throws -> ReportPage {
        var page = ReportPage(title: "Classic models on \(summary.dataset)")
        let how = summary.folds.map { "\($0)-fold cross-validation (mean ± standard deviation)" }
            ?? "one split, \(summary.testFraction.map { "\($0)" } ?? "") of the rows held out"
        page.sections.append(("Scores: \(summary.metric), \(how)", ReportPage.table(
            header: ["model", summary.metric, "std", "fit time"],
            rows: summary.results.map { row in
                [row.model, String(format: "%.4f", row.score), row.standardDeviation.map { String(format: "%.4f", $0) } ?? "–",
                 ElapsedTime.text(row.seconds)]
            })))
        var figure = Figure(width: 720, height: 440, title: "\(summary.metric) by model")
        figure.axes.yLabel = summary.metric
        figure.axes.bar(categories: summary.results.map(\.model), values: summary.results.map(\.score))
        page.figures.append(("scores", "\(summary.metric) of each model (\(how)).", figure))
        page.files["metrics.json"] = try SummaryJSON.encode(summary)
        return page
    }
}
