import Aprendiz
import Foundation

/// The report of one training run: settings, test metrics, loss/accuracy curves, confusion matrix.
enum TrainingReport {
    static func page(_ summary: RunSummary) throws -> ReportPage {
        var page = ReportPage(title: "aprendiz \(summary.command): \(summary.settings.dataset), \(summary.settings.model.rawValue)")
        let s = summary.settings
        page.sections.append(("Settings", ReportPage.keyValueTable([
            ("data set", s.dataset), ("task", summary.task.rawValue), ("model", s.model.rawValue),
            ("hidden", s.hidden.map(String.init).joined(separator: ",")), ("activation", s.activation),
            ("loss", s.loss ?? "default"), ("optimizer", s.optimizer),
            ("learning rate", s.learningRate.map { "\($0)" } ?? "default"), ("epochs", "\(s.epochs)"),
            ("batch size", "\(s.batchSize)"), ("seed", "\(s.seed)"),
            ("examples (train / test)", "\(summary.trainExamples) / \(summary.testExamples)"),
            ("parameters", "\(summary.parameterCount)"), ("seconds", String(format: "%.2f", summary.seconds)),
        ] + (summary.interrupted ? [("interrupted", "yes (Ctrl-C)")] : []))))
        page.sections.append(("Test metrics", ReportPage.keyValueTable(
            summary.test.keys.sorted().map { ($0, String(format: "%.4f", summary.test[$0]!)) })))
        page.figures = curves(summary.epochs)
        if let counts = summary.confusionMatrix {
            var figure = Figure(width: 520, height: 480, title: "Confusion matrix (test)")
            figure.axes.heatMap(matrix: counts.map { $0.map(Double.init) })
            figure.axes.xLabel = "predicted class"
            figure.axes.yLabel = "true class"
            page.figures.append(("confusion", "Rows: true class; columns: predicted class.", figure))
        }
        page.files["metrics.json"] = try SummaryJSON.encode(summary)
        return page
    }

    /// Loss and accuracy (or MSE) per epoch, training and validation.
    static func curves(_ epochs: [EpochRecord]) -> [(name: String, caption: String, figure: Figure)] {
        let metric = epochs.first?.values["accuracy"] != nil ? "accuracy" : "mse"
        return [("loss", "Loss per epoch.", curve(epochs, key: "loss", title: "Loss")),
                (metric, "\(metric) per epoch.", curve(epochs, key: metric, title: metric.capitalized))]
    }

    private static func curve(_ epochs: [EpochRecord], key: String, title: String) -> Figure {
        var figure = Figure(title: title)
        figure.axes.xLabel = "epoch"
        figure.axes.yLabel = key
        figure.axes.plot(perEpoch: epochs.map { $0.values[key] ?? .nan }, label: "training")
        if epochs.contains(where: { $0.values["val_" + key] != nil }) {
            figure.axes.plot(perEpoch: epochs.map { $0.values["val_" + key] ?? .nan }, label: "validation")
        }
        return figure
    }
}
