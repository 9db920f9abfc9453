import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench boosting`: seconds to fit a `HistGradientBoostingClassifier` on Fashion-MNIST and its
/// prediction throughput — the workload of `Benchmarks/sklearn_boosting.py` (scikit-learn's side): the first
/// `--limit` training images (pixels / 255), early stopping off, `--max-iter` iterations of 10 trees with
/// `--max-leaf-nodes` leaves, predicted on the 10 000 test images. Prints fit wall and CPU seconds, test rows
/// per second and the test accuracy.
struct BenchBoostingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boosting",
        abstract: "Seconds to fit histogram gradient boosting on Fashion-MNIST, and its prediction throughput."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Training images used (the first ones).")
    var limit = 10_000

    @Option(help: "Boosting iterations (10 trees each).")
    var maxIter = 20

    @Option(help: "Leaves per tree.")
    var maxLeafNodes = 31

    func run() throws {
        try options.apply()
        guard limit >= 100, maxIter >= 1, maxLeafNodes >= 2 else {
            throw ValidationError("--limit must be ≥ 100, --max-iter ≥ 1 and --max-leaf-nodes ≥ 2")
        }
        let (x, y) = try FashionMNISTRows.load(.train, limit: limit), (xTest, yTest) = try FashionMNISTRows.load(.test, limit: .max)
        let count = x.shape[0]
        let estimator = try HistGradientBoostingClassifier(.init(maximumIterations: maxIter, maximumLeafNodes: maxLeafNodes,
                                                                 earlyStopping: .off))
        var model: HistGradientBoostingClassificationModel?
        var failure: Error?
        let cpuStart = BenchClassicCommand.processCPUSeconds()
        let fitSeconds = Stopwatch.seconds { do { model = try estimator.fit(x, y) } catch { failure = error } }
        let cpuSeconds = BenchClassicCommand.processCPUSeconds() - cpuStart
        if let failure { throw failure }
        var accuracy: Float = 0
        let predictSeconds = Stopwatch.seconds { accuracy = model!.score(xTest, yTest) }
        let name = "hist-gradient-boosting fashion-mnist \(count) rows \(maxIter) iterations"
        for (workload, microseconds) in [("fit \(name)", fitSeconds * 1e6), ("cpu \(name)", cpuSeconds * 1e6),
                                         ("predict 10000 test rows", predictSeconds * 1e6)] {
            BenchResult(workload: workload, threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                        microseconds: microseconds).print(json: options.json)
        }
        let rowsPerSecond = Double(xTest.shape[0]) / predictSeconds
        if options.json {
            printJSONLine(["test_accuracy": Double(accuracy), "predict_rows_per_second": rowsPerSecond])
        } else {
            print("test accuracy \(accuracy), \(Int(rowsPerSecond)) rows/s predicted")
        }
    }
}
