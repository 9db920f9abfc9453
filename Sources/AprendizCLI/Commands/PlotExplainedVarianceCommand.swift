import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz plot explained-variance --dataset …`: the scree plot of PCA (§16.4.1): each component's
/// share of the variance and the cumulated share, as lines.
struct PlotExplainedVarianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explained-variance",
        abstract: "Draw the PCA scree plot of a data set (explained-variance ratio and its cumulated sum).",
        discussion: """
        Features are standardised unless --raw. CSV: component,ratio,cumulative.
        Example: aprendiz plot explained-variance --dataset digits --components 20 --format svg --output scree.svg
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, svg }

    @Option(help: "The data set: \(DatasetSpecifier.knownNames.joined(separator: ", ")).")
    var dataset: String

    @Option(help: "Show at most this many components (default: all).")
    var components: Int?

    @Option(help: "Use at most this many rows (the first ones).")
    var limit: Int?

    @Flag(help: "Use the features as read, without standardising them.")
    var raw = false

    @Option(help: "Output format: csv or svg.")
    var format: Format = .svg

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output file (default: standard output).")
    var output: String?

    @OptionGroup var table: TableOptions

    func validate() throws {
        if let components, components < 1 { throw CLIError("--components must be at least 1, got \(components)") }
        if let limit, limit < 2 { throw CLIError("--limit must be at least 2, got \(limit)") }
    }

    func run() throws {
        let data = try ClusteringData.load(try DatasetSpecifier(parsing: dataset), limit: limit, standardize: !raw, table: table.csv)
        let pca = try PCA().fit(data.features)
        let shown = min(components ?? pca.componentCount, pca.componentCount)
        let ratios = Array(pca.explainedVarianceRatio.prefix(shown))
        var cumulative: [Double] = [], sum = 0.0
        for r in ratios { sum += r; cumulative.append(sum) }
        switch format {
        case .csv:
            let rows = ratios.indices.map { "\($0 + 1),\(ratios[$0]),\(cumulative[$0])" }
            try CommandOutput.write((["component,ratio,cumulative"] + rows).joined(separator: "\n") + "\n", to: output)
        case .svg:
            var figure = Figure(width: 720, title: "Explained variance — \(data.name)")
            var axes = Axes()
            let index = ratios.indices.map { Double($0 + 1) }
            axes.plot(x: index, y: ratios, label: "ratio", style: LineStyle(marker: .circle))
            axes.plot(x: index, y: cumulative, label: "cumulative", style: LineStyle(dash: .dashed, marker: .square))
            axes.xLabel = "principal component"; axes.yLabel = "fraction of the variance"; axes.yRange = 0...1
            figure.axes = axes
            try CommandOutput.write(figure.svg(), to: output)
        }
    }
}
