import Aprendiz
import Foundation

/// The report of a comparison: the table, mean test-accuracy and training-loss curves per candidate.
enum ComparisonReport {
    static func page(_ summary: ComparisonSummary) throws -> ReportPage {
        var page = ReportPage(title: "aprendiz \(summary.command): \(summary.settings.dataset)")
        let s = summary.settings
        var settings = [("command", summary.invocation), ("data set", s.dataset), ("model", s.model.rawValue)]
        if s.model.usesHiddenLayers {
            settings += [("hidden", s.hidden.map(String.init).joined(separator: ","))]
            if summary.command != "compare activations" { settings.append(("activation", s.activation)) }
        }
        if summary.command != "compare optimizers" {
            settings.append(("optimizer", s.optimizer))
            if let eta = s.resolvedLearningRate { settings.append(("learning rate", "\(eta)")) }
        } else {
            let own = summary.candidates.compactMap { c in OptimizerKind(rawValue: c.name).map { "\(c.name) \($0.defaultLearningRate)" } }
            settings.append(("learning rate", s.learningRate.map { "\($0) (every optimizer)" } ?? own.joined(separator: ", ")))
        }
        settings += [("epochs", "\(s.epochs)"), ("batch size", "\(s.batchSize)"), ("repeats (seeds)", "\(summary.repeats) (from \(s.seed))"),
                     ("seconds", String(format: "%.1f", summary.seconds))]
        page.sections.append(("Settings", ReportPage.keyValueTable(settings)))
        let rows = summary.markdownTable().split(separator: "\n").dropFirst(2).map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let header = summary.markdownTable().split(separator: "\n")[0].split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        page.sections.append(("Results (mean ± std over \(summary.repeats) run(s); accuracy on the test set)",
                              ReportPage.table(header: header, rows: rows)))
        page.figures = [
            ("accuracy", "Test accuracy per epoch (mean over runs).", curves(summary, key: "val_accuracy", title: "Test accuracy")),
            ("loss", "Training loss per epoch (mean over runs).", curves(summary, key: "loss", title: "Training loss")),
        ]
        page.files["metrics.json"] = try SummaryJSON.encode(summary)
        page.files["results.md"] = Data(("`\(summary.invocation)`\n\n" + summary.markdownTable()).utf8)
        return page
    }

    private static func curves(_ summary: ComparisonSummary, key: String, title: String) -> Figure {
        var figure = Figure(width: 720, height: 480, title: title)
        figure.axes.xLabel = "epoch"
        figure.axes.yLabel = key == "loss" ? "loss" : "accuracy"
        for candidate in summary.candidates where !candidate.runs.isEmpty {
            figure.axes.plot(perEpoch: candidate.meanCurve(key), label: candidate.name)
        }
        return figure
    }
}
