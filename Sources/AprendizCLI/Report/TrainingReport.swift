import Aprendiz
import Foundation

/// The report of one training run: settings, test metrics, loss/accuracy curves, confusion matrix.
enum TrainingReport {
    static func page(_ summary: RunSummary) throws -> ReportPage {
        var page = ReportPage(title: "aprendiz \(summary.command): \(summary.settings.dataset), \(summary.settings.model.rawValue)")
        page.sections.append(("Settings", ReportPage.keyValueTable(settingsRows(summary))))
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

    /// The settings that apply to this run, with the values used (the optimizer's learning rate, the
    /// task's loss) rather than "default"; `hidden` and `activation` only for the mlp.
    static func settingsRows(_ summary: RunSummary) -> [(String, String)] {
        let s = summary.settings
        var rows = [("data set", s.dataset), ("task", summary.task.rawValue), ("model", s.model.rawValue)]
        if s.model.usesHiddenLayers {
            rows += [("hidden", s.hidden.map(String.init).joined(separator: ",")), ("activation", s.activation)]
        }
        rows += [("loss", summary.loss), ("optimizer", s.optimizer)]
        if let eta = s.resolvedLearningRate { rows.append(("learning rate", "\(eta)")) }
        rows += [("epochs", "\(s.epochs)"), ("batch size", "\(s.batchSize)"), ("seed", "\(s.seed)"),
                 ("examples (train / test)", "\(summary.trainExamples) / \(summary.testExamples)"),
                 ("parameters", "\(summary.parameterCount)"), ("seconds", String(format: "%.2f", summary.seconds))]
        if summary.interrupted { rows.append(("interrupted", "yes (Ctrl-C)")) }
        return rows
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
