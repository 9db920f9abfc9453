import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz plot tree --model FILE`: a saved decision tree (or one tree of a forest) as the book's §13.2
/// figure — each node's test, impurity, sample count and class (or value), coloured by class and purity.
struct PlotTreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Draw a saved decision tree (or one tree of a forest) as SVG (§13.2).",
        discussion: """
        Reads a model file written by `aprendiz train --model decision-tree|random-forest|extra-trees --save FILE`.
        Nodes deeper than --max-depth are cut and marked (…). Features are named x[j] unless --features
        gives names (comma-separated).
        Example: aprendiz plot tree --model tree.safetensors --max-depth 3 --format svg --output tree.svg
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case svg }

    @Option(help: "The saved tree or forest model (safetensors).")
    var model: String

    @Option(help: "Draw only this many levels below the root.")
    var maxDepth: Int = 4

    @Option(help: "For a forest: which tree (0-based).")
    var tree: Int = 0

    @Option(help: "Feature names, comma-separated (default x[0], x[1], …).")
    var features: String?

    @Option(help: "Output format: svg.")
    var format: Format = .svg

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        guard maxDepth >= 0 else { throw CLIError("--max-depth must be ≥ 0, got \(maxDepth)") }
        guard tree >= 0 else { throw CLIError("--tree must be ≥ 0, got \(tree)") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: model)
        let archive: SafetensorsArchive
        do { archive = try SafetensorsArchive(contentsOf: url) } catch { throw CLIError("\(error)") }
        let kind = archive.metadata["aprendiz.model"] ?? "none"
        let (trees, classes): ([DecisionTree], [Int]?)
        do {
            switch kind {
            case DecisionTreeClassificationModel.archiveKind:
                let m = try DecisionTreeClassificationModel(archive: archive)
                (trees, classes) = ([m.tree], m.classes)
            case DecisionTreeRegressionModel.archiveKind: (trees, classes) = ([try DecisionTreeRegressionModel(archive: archive).tree], nil)
            case ForestClassificationModel.archiveKind:
                let m = try ForestClassificationModel(archive: archive)
                (trees, classes) = (m.trees, m.classes)
            case ForestRegressionModel.archiveKind: (trees, classes) = (try ForestRegressionModel(archive: archive).trees, nil)
            default: throw CLIError("model file '\(model)' holds '\(kind)', not a decision tree or forest")
            }
        } catch let error as ClassicError { throw CLIError("\(error)") }
        guard tree < trees.count else { throw CLIError("--tree \(tree): the forest has \(trees.count) trees") }
        let names = features.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let title = trees.count > 1 ? "\(kind) — tree \(tree) of \(trees.count)" : kind
        let diagram = TreeDiagram(nodes: Self.nodes(of: trees[tree], classes: classes, featureNames: names, maxDepth: maxDepth), title: title)
        try CommandOutput.write(diagram.svg(), to: output)
    }

    /// The diagram's boxes for `tree` down to `maxDepth`, in depth-first order.
    static func nodes(of tree: DecisionTree, classes: [Int]?, featureNames: [String]?, maxDepth: Int) -> [TreeDiagram.Node] {
        var result: [TreeDiagram.Node] = []
        func visit(_ node: Int, _ depth: Int) -> Int {
            let id = result.count
            let k = tree.valueWidth, value = Array(tree.value[(node * k)..<((node + 1) * k)])
            var lines: [String] = []
            let isSplit = tree.left[node] != -1
            if isSplit {
                let f = tree.feature[node]
                let name = featureNames.flatMap { f < $0.count ? $0[f] : nil } ?? "x[\(f)]"
                lines.append("\(name) ≤ \(format(tree.threshold[node]))")
            }
            lines.append("\(classes == nil ? "error" : "impurity") = \(format(tree.impurity[node]))")
            lines.append("samples = \(tree.samples[node])")
            var fill: PlotColor?
            if let classes {
                let best = value.indices.max { value[$0] < value[$1] }!
                let purity = k > 1 ? Double((value[best] - 1 / Float(k)) / (1 - 1 / Float(k))) : 1
                fill = PlotColor.palette(best).mixed(with: .white, fraction: 1 - 0.75 * max(0, purity))
                lines.append("class = \(classes[best]) (\(Int((value[best] * 100).rounded()))%)")
            } else {
                lines.append("value = \(format(value[0]))")
            }
            if isSplit && depth >= maxDepth { lines.append("(…)") }
            result.append(TreeDiagram.Node(lines: lines, children: nil, fill: fill))
            if isSplit && depth < maxDepth {
                let l = visit(tree.left[node], depth + 1), r = visit(tree.right[node], depth + 1)
                result[id].children = (l, r)
            }
            return id
        }
        _ = visit(0, 0)
        return result
    }

    private static func format(_ v: Float) -> String { String(format: "%.4g", Double(v)) }
}
