import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz embed`: a 2-D map of a data set (PCA, t-SNE or UMAP, §16.4) as an SVG scatter coloured by class,
/// or its coordinates as CSV.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Draw a 2-D map of a data set: PCA, t-SNE or UMAP (§16.4), coloured by class.",
        discussion: """
        Methods: \(EmbeddingMethod.allCases.map { "\($0.rawValue) — \($0.summary)" }.joined(separator: "; ")).
        Images are flattened to one row of pixels each; tables use their feature columns.
        Examples: aprendiz embed --method tsne --dataset fashion-mnist --limit 2000 --output tsne.svg
                  aprendiz embed --method umap --dataset digits --format csv --output digits-umap.csv
                  aprendiz embed --method tsne --dataset iris --param perplexity=10 --param method=exact
        """
    )

    /// What `--format` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable { case svg, csv }

    @Option(help: "Embedding method: \(EmbeddingMethod.names.joined(separator: ", ")).")
    var method: EmbeddingMethod = .tsne

    @Option(help: "Data set: \(DatasetSpecifier.knownNames.prefix(6).joined(separator: ", ")).")
    var dataset: String = "digits"

    @Option(help: "Use only the first N rows (the training split for image data sets).")
    var limit: Int?

    @Option(help: "Output: svg (scatter plot) or csv (x,y,label).")
    var format: Format = .svg

    @Option(name: [.customLong("output"), .customLong("out")], help: "File to write (standard output when absent).")
    var output: String?

    @Option(name: .customLong("param"), help: "A method parameter NAME=VALUE (repeatable).")
    var parameters: [String] = []

    func validate() throws {
        if let limit, limit < 3 { throw CLIError("--limit must be at least 3, got \(limit)") }
    }

    func run() throws {
        let (x, labels, classNames) = try loadRows()
        var parsed: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CLIError("--param '\(parameter)': expected NAME=VALUE") }
            parsed[parts[0]] = parts[1]
        }
        let (map, summary) = try method.embed(x, parameters: parsed)
        FileHandle.standardError.write(Data("\(summary); \(x.shape[0]) points\n".utf8))
        let points = map.scalars
        switch format {
        case .csv:
            let rows = (0..<labels.count).map { i in "\(points[2 * i]),\(points[2 * i + 1]),\(classNames[labels[i]])" }
            try CommandOutput.write((["x,y,label"] + rows).joined(separator: "\n") + "\n", to: output)
        case .svg:
            try CommandOutput.write(Self.figure(points: points, labels: labels, classNames: classNames,
                                                title: "\(method.rawValue.uppercased()) map of \(dataset) (\(labels.count) points)").svg(), to: output)
        }
    }

    /// The rows (`[count, features]`), their class indices and the class names.
    private func loadRows() throws -> (x: Tensor, labels: [Int], classNames: [String]) {
        let data: TensorDataset, names: [String]?
        switch try DatasetSpecifier(parsing: dataset) {
        case .bundled(let set): (data, names) = (try set.load(), nil)
        case .images(let set): (data, names) = (try set.load(.train), set.classNames)
        default: throw CLIError("--dataset \(dataset): embed takes a bundled table or an image data set")
        }
        let count = min(limit ?? data.inputs.shape[0], data.inputs.shape[0])
        let x = data.inputs.slice(axis: 0, 0..<count)
        let rows = x.reshaped([count, x.count / max(count, 1)])
        let labels = data.targets.reshaped([-1]).slice(axis: 0, 0..<count).scalars.map { Int($0) }
        let classes = names ?? (0...(labels.max() ?? 0)).map { "class \($0)" }
        return (rows, labels, classes)
    }

    /// One marker series per class, so the legend names the classes.
    static func figure(points: [Float], labels: [Int], classNames: [String], title: String) -> Figure {
        var figure = Figure(width: 760, height: 560, title: title)
        figure.axes.legendPlacement = .outsideRight
        for (c, name) in classNames.enumerated() {
            let members = labels.indices.filter { labels[$0] == c }
            guard !members.isEmpty else { continue }
            figure.axes.plot(x: members.map { Double(points[2 * $0]) }, y: members.map { Double(points[2 * $0 + 1]) }, label: name,
                             style: LineStyle(dash: .none, marker: .circle, markerSize: 3))
        }
        return figure
    }
}
