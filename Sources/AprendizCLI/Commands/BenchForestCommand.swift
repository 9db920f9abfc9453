import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench forest`: seconds to fit a random forest (default 100 trees; `--single-tree`: one decision
/// tree) on digits and on the first `--limit` Fashion-MNIST training images, its held-out accuracy and its
/// prediction throughput — the workload of `Benchmarks/sklearn_trees.py` (scikit-learn's
/// `RandomForestClassifier`, `n_jobs` = threads).
///
/// Digits: a random 75/25 split (`trainTestSplit`, seed 0; scikit-learn's script draws its own 25%).
/// Fashion-MNIST: the first `--limit` training images, the first `--test-limit` test images, pixels / 255 (only those
/// rows are converted to floats, see ``FashionMNISTRows``). `--criterion` and `--max-depth` set the tree's (or the
/// forest's trees') impurity and depth limit, e.g. the Fashion-MNIST paper's best tree (Xiao et al. 2017, table 3):
/// `--single-tree --criterion entropy --max-depth 10`.
struct BenchForestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forest",
        abstract: "Fit seconds, accuracy and prediction throughput of a random forest on digits and Fashion-MNIST (chapter 13)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Trees in the forest.")
    var trees = 100

    @Option(help: "Fashion-MNIST training images (0: skip Fashion-MNIST).")
    var limit = 10_000

    @Option(help: "Fashion-MNIST test images.")
    var testLimit = 10_000

    @Flag(help: "Fit one DecisionTreeClassifier (every feature) instead of the forest.")
    var singleTree = false

    @Option(help: "The trees' impurity: gini or entropy.")
    var criterion = "gini"

    @Option(help: "The trees' depth limit (default: unlimited).")
    var maxDepth: Int?

    @Option(help: "Times the test set is predicted; the throughput is the median's (one prediction of 10 000 rows is a fraction of a second, easily disturbed).")
    var predictRepeats = 1

    @Option(help: "Save the Fashion-MNIST forest to this safetensors file (for Benchmarks/forest_memory.py).")
    var save: String?

    /// One output row.
    struct Row: Encodable {
        let workload: String, threads: Int, trees: Int, trainRows: Int
        let fitSeconds: Double, fitCPUSeconds: Double, accuracy: Double, predictSamplesPerSecond: Double

        enum CodingKeys: String, CodingKey {
            case workload, threads, trees, accuracy
            case trainRows = "train_rows", fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds"
            case predictSamplesPerSecond = "predict_samples_per_second"
        }
    }

    func run() throws {
        try options.apply()
        guard trees >= 1, limit >= 0, testLimit >= 1 else { throw CLIError("--trees and --test-limit must be ≥ 1, --limit ≥ 0") }
        guard let impurity = ClassificationCriterion(rawValue: criterion), impurity != .logLoss else {
            throw CLIError("--criterion must be gini or entropy, not '\(criterion)'")
        }
        guard maxDepth.map({ $0 >= 1 }) ?? true else { throw CLIError("--max-depth must be ≥ 1") }
        guard predictRepeats >= 1 else { throw CLIError("--predict-repeats must be ≥ 1, got \(predictRepeats)") }
        let digits = try BundledDataset.digits.load()
        let (train, test) = trainTestSplit(digits, testFraction: 0.25, seed: 0)
        try measure("forest digits", train.inputs, train.targets, test.inputs, test.targets)
        guard limit > 0 else { return }
        let (x, y) = try FashionMNISTRows.load(.train, limit: limit), (xt, yt) = try FashionMNISTRows.load(.test, limit: testLimit)
        try measure("forest fashion-mnist", x, y, xt, yt, saveTo: save)
    }

    private func measure(_ name: String, _ x: Tensor, _ y: Tensor, _ xt: Tensor, _ yt: Tensor, saveTo path: String? = nil) throws {
        let impurity = ClassificationCriterion(rawValue: criterion) ?? .gini
        let forest = try RandomForestClassifier(treeCount: trees, criterion: impurity,
                                                parameters: TreeParameters(maxDepth: maxDepth, maxFeatures: .sqrt), seed: 0)
        let tree = try DecisionTreeClassifier(criterion: impurity, parameters: TreeParameters(maxDepth: maxDepth))
        var model: (any ClassificationModel & ArchivableModel)?
        var failure: Error?
        let cpuStart = BenchClassicCommand.processCPUSeconds()
        let fitSeconds = Stopwatch.seconds {
            do { model = singleTree ? try tree.fit(x, y) : try forest.fit(x, y) } catch { failure = error }
        }
        let cpuSeconds = BenchClassicCommand.processCPUSeconds() - cpuStart
        if let failure { throw failure }
        if let path { try model!.save(to: URL(fileURLWithPath: path)) }
        var accuracy: Float = 0
        let times = (0..<predictRepeats).map { _ in Stopwatch.seconds { accuracy = model!.score(xt, yt) } }.sorted()
        let predictSeconds = times[times.count / 2]
        let row = Row(workload: name, threads: Parallel.threadCount, trees: singleTree ? 1 : trees, trainRows: x.shape[0], fitSeconds: fitSeconds, fitCPUSeconds: cpuSeconds,
                      accuracy: Double(accuracy), predictSamplesPerSecond: Double(xt.shape[0]) / predictSeconds)
        if options.json {
            printJSONLine(row)
        } else {
            print(String(format: "%-22@ fit %8.3f s (CPU %.3f s)  accuracy %.4f  predict %10.0f samples/s  [%d threads, %d trees, %d rows]",
                         name as NSString, fitSeconds, cpuSeconds, accuracy, row.predictSamplesPerSecond, row.threads,
                         singleTree ? 1 : trees, x.shape[0]))
        }
    }
}
