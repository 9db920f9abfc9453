import Aprendiz
import Foundation

/// The report of a comparison: the table, mean test-accuracy and training-loss curves per candidate.
enum ComparisonReport {
    static func page(_ summary: ComparisonSummary) throws -> ReportPage {
        var page = ReportPage(title: "aprendiz \(summary.command): \(summary.settings.dataset)")
        let s = summary.settings
        page.sections.append(("Settings", ReportPage.keyValueTable([
            ("command", summary.invocation), ("data set", s.dataset), ("model", s.model.rawValue),
            ("hidden", s.hidden.map(String.init).joined(separator: ",")), ("activation", s.activation), ("optimizer", s.optimizer),
            ("epochs", "\(s.epochs)"), ("batch size", "\(s.batchSize)"), ("repeats (seeds)", "\(summary.repeats) (from \(s.seed))"),
            ("seconds", String(format: "%.1f", summary.seconds)),
        ])))
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
