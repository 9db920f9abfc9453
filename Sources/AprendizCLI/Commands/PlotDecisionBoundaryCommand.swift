import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz plot decision-boundary`: the book-style picture of a classifier on two-feature data (§14): the
/// plane coloured by predicted class, for an SVC the margin f(x) = ±1 (dashed) around the boundary f(x) = 0
/// (two classes), and the support vectors circled, over the data points.
struct PlotDecisionBoundaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision-boundary",
        abstract: "Draw a classifier's decision regions, margins and support vectors on 2-D data as SVG (chapter 14).",
        discussion: """
        --model FILE loads a classifier saved by AprendizClassic (svc, linear-svc, logistic) whose two features are
        the plane's coordinates; --model NAME (a classic model: svc, linear-svc, logistic-regression, …) fits it
        on the data with --param NAME=VALUE, and --save-model FILE keeps it.
        Example: aprendiz plot decision-boundary --dataset moons --noise 0.15 --model svc --param c=10 --output moons.svg
        """
    )

    enum Dataset: String, ExpressibleByArgument, CaseIterable { case moons, circles, blobs }

    @Option(help: "A saved classifier file, or a classic model name to fit.")
    var model: String

    @Option(help: "The two-feature data: moons, circles or blobs.")
    var dataset: Dataset = .moons

    @Option(help: "Number of points.")
    var count: Int = 200

    @Option(help: "Standard deviation of the noise added to moons and circles.")
    var noise: Float = 0.15

    @Option(help: "Random seed of the data.")
    var seed: UInt64 = 0

    @Option(name: .customLong("param"), help: "NAME=VALUE hyper-parameter of the fitted model (repeatable).")
    var parameters: [String] = []

    @Option(help: "Grid points per axis for the regions.")
    var resolution: Int = 150

    @Option(help: "Where to save the model fitted by --model NAME.")
    var saveModel: String?

    @Option(name: [.customLong("output"), .customLong("out")], help: "Output SVG file (default: standard output).")
    var output: String?

    func validate() throws {
        guard count >= 4 else { throw CLIError("--count \(count): need at least 4 points") }
        guard (10...400).contains(resolution) else { throw CLIError("--resolution \(resolution): must be in 10…400") }
    }

    func run() throws {
        let data = switch dataset {
        case .moons: Synthetic.moons(count: count, noise: noise, seed: seed)
        case .circles: Synthetic.circles(count: count, factor: 0.5, noise: noise, seed: seed)
        case .blobs: Synthetic.blobs(count: count, centers: 3, features: 2, seed: seed)
        }
        let x = data.inputs, y = data.targets.reshaped([-1])
        let classifier = try classifier(x, y)
        guard classifier.featureCount == 2 else {
            throw CLIError("--model \(model): the model has \(classifier.featureCount) features; the plot needs 2")
        }
        try CommandOutput.write(DecisionBoundaryFigure(x: x, y: y, model: classifier, resolution: resolution,
                                                       title: "\(dataset.rawValue): \(model)").svg(), to: output)
    }

    /// The loaded model, or the classic model `model` fitted on (x, y).
    private func classifier(_ x: Tensor, _ y: Tensor) throws -> any ClassificationModel {
        if FileManager.default.fileExists(atPath: model) { return try Self.load(model) }
        let name = try ClassicModel.named(model)
        let fit = try name.fit(x, y, task: .classification, parameters: ClassicParameters(parameters, for: name))
        guard case .model(let fitted) = fit, let classifier = fitted.fitted as? any ClassificationModel else {
            throw CLIError("--model \(model) is not a classifier")
        }
        if let saveModel, let archivable = classifier as? any ArchivableModel {
            do { try archivable.save(to: URL(fileURLWithPath: saveModel)) } catch { throw CLIError("cannot write '\(saveModel)': \(error)") }
        }
        return classifier
    }

    /// A classifier file written by AprendizClassic's `save(to:)`, by its `aprendiz.model` kind.
    static func load(_ path: String) throws -> any ClassificationModel {
        let url = URL(fileURLWithPath: path)
        let archive: SafetensorsArchive
        do { archive = try SafetensorsArchive(contentsOf: url) } catch { throw CLIError("model file '\(path)': \(error)") }
        do {
            switch archive.metadata["aprendiz.model"] {
            case SVCModel.archiveKind: return try SVCModel(archive: archive)
            case LinearSVCModel.archiveKind: return try LinearSVCModel(archive: archive)
            case LogisticModel.archiveKind: return try LogisticModel(archive: archive)
            case let kind: throw CLIError("model file '\(path)': '\(kind ?? "none")' is not a classifier this plot draws (svc, linear-svc, logistic)")
            }
        } catch let error as ClassicError {
            throw CLIError("model file '\(path)': \(error)")
        }
    }
}

/// The figure of ``PlotDecisionBoundaryCommand``: regions as pale strokes over a grid, the data as coloured
/// points, and for an `SVCModel` the support vectors as open circles and (two classes) the levels
/// f(x) ∈ {−1, 0, 1} of its decision function; for a two-class `LinearSVCModel` the same levels.
struct DecisionBoundaryFigure {
    let x: Tensor
    let y: Tensor
    let model: any ClassificationModel
    let resolution: Int
    let title: String

    func svg() -> String {
        var figure = Figure(width: 640, height: 560, title: title)
        figure.axes.xLabel = "x₁"
        figure.axes.yLabel = "x₂"
        figure.axes.showsGrid = false
        let (xs, ys) = grid()
        figure.axes.xRange = xs[0]...xs[xs.count - 1]
        figure.axes.yRange = ys[0]...ys[ys.count - 1]
        let points = Tensor(shape: [xs.count * ys.count, 2], scalars: ys.flatMap { b in xs.flatMap { a in [Float(a), Float(b)] } })
        let predicted = model.predict(points).scalars
        // Each grid row's runs of one class as a thick horizontal stroke (one series per class, runs
        // separated by NaN), far smaller than one square per cell.
        let step = xs[1] - xs[0], thickness = 440 / Double(resolution) + 0.8
        for (k, label) in model.classes.enumerated() {
            var runX: [Double] = [], runY: [Double] = []
            for j in ys.indices {
                var i = 0
                while i < xs.count {
                    guard Int(predicted[j * xs.count + i]) == label else { i += 1; continue }
                    let start = i
                    while i < xs.count && Int(predicted[j * xs.count + i]) == label { i += 1 }
                    runX += [xs[start] - step / 2, xs[i - 1] + step / 2, .nan]
                    runY += [ys[j], ys[j], .nan]
                }
            }
            let pale = PlotColor.palette(k).mixed(with: .white, fraction: 0.75)
            figure.axes.plot(x: runX, y: runY, style: LineStyle(color: pale, width: thickness))
        }
        if let decision = decisionValues(points), !decision.isEmpty {
            let values = (0..<ys.count).map { j in (0..<xs.count).map { i in decision[j * xs.count + i] } }
            // Traced here and drawn as lines (the axes draw contour series under line series, i.e. under the regions).
            for level in [-1.0, 0, 1] {
                let lines = MarchingSquares.isolines(xs: xs, ys: ys, values: values, level: level)
                let x = lines.flatMap { $0.map(\.x) + [.nan] }, y = lines.flatMap { $0.map(\.y) + [.nan] }
                figure.axes.plot(x: x, y: y, label: level == 0 ? "f(x) = 0" : (level > 0 ? "margin f(x) = ±1" : nil),
                                 style: LineStyle(color: level == 0 ? .black : .gray, width: level == 0 ? 2 : 1.5,
                                                  dash: level == 0 ? .solid : .dashed))
            }
        }
        let labels = y.scalars
        for (k, label) in model.classes.enumerated() {
            let rows = labels.indices.filter { Int(labels[$0]) == label }
            figure.axes.plot(x: rows.map { Double(x[$0, 0]) }, y: rows.map { Double(x[$0, 1]) }, label: "class \(label)",
                             style: LineStyle(color: PlotColor.palette(k), dash: .none, marker: .circle, markerSize: 6))
        }
        if let svc = model as? SVCModel {
            let sv = svc.supportVectors
            figure.axes.plot(x: (0..<sv.shape[0]).map { Double(sv[$0, 0]) }, y: (0..<sv.shape[0]).map { Double(sv[$0, 1]) },
                             label: "support vectors (\(sv.shape[0]))",
                             style: LineStyle(color: .black, width: 1, dash: .none, marker: .cross, markerSize: 11))
        }
        return figure.svg()
    }

    /// The grid over the data's range plus a 10 % border.
    private func grid() -> ([Double], [Double]) {
        func axis(_ column: Int) -> [Double] {
            let values = (0..<x.shape[0]).map { Double(x[$0, column]) }
            let (low, high) = (values.min()!, values.max()!), pad = max(high - low, 1e-3) * 0.1
            return (0..<resolution).map { low - pad + Double($0) / Double(resolution - 1) * (high - low + 2 * pad) }
        }
        return (axis(0), axis(1))
    }

    /// f(x) on the grid for two-class SVMs (the margin levels), nil otherwise.
    private func decisionValues(_ points: Tensor) -> [Double]? {
        guard model.classes.count == 2 else { return nil }
        if let svc = model as? SVCModel { return svc.decisionFunction(points).scalars.map(Double.init) }
        if let linear = model as? LinearSVCModel { return linear.decisionFunction(points).scalars.map(Double.init) }
        return nil
    }
}
