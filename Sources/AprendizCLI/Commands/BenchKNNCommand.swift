import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench knn`: k-nearest-neighbour prediction on Fashion-MNIST (the workload of
/// `Benchmarks/sklearn_neighbors.py`, scikit-learn's side, which reads the same files): standardised pixels
/// (statistics of the training images, as the Fashion-MNIST benchmark's runner), `KNeighborsClassifier`
/// (k = 5, distance weights) for each Minkowski p, then `GaussianNB`. Prints the seconds to predict the test
/// images (fit is indexing only) and the test accuracy of each.
struct BenchKNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knn",
        abstract: "Seconds and accuracy of k-NN (k = 5, distance weights, p = 2 and 1) and Gaussian naive Bayes on Fashion-MNIST."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Training images used (the first N of 60 000).")
    var train = 60_000

    @Option(help: "Test images predicted (the first N of 10 000).")
    var test = 10_000

    @Option(help: "Neighbours.")
    var k = 5

    @Option(help: "Minkowski exponents, comma-separated (2: euclidean, 1: manhattan).")
    var p = "2,1"

    @Flag(help: "Skip Gaussian naive Bayes.")
    var noNaiveBayes = false

    /// One accuracy line (`--json`: {"workload", "accuracy", "threads"}).
    struct Accuracy: Encodable {
        let workload: String
        let accuracy: Double
        let threads: Int
    }

    func run() throws {
        try options.apply()
        let exponents = try p.split(separator: ",").map { text -> Double in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 1 else { throw CLIError("--p \(p): each must be a number ≥ 1") }
            return value
        }
        guard train >= k, test >= 1 else { throw CLIError("--train must be ≥ k and --test ≥ 1") }
        let (x, y, xTest, yTest) = try Self.fashionMNIST(train: train, test: test)
        for exponent in exponents {
            var model: KNeighborsClassifierModel?
            let estimator = try KNeighborsClassifier(neighbors: k, weights: .distance, metric: .minkowski(p: exponent))
            let fitSeconds = try Self.timed { model = try estimator.fit(x, y) }
            var predictions = Tensor(0)
            let seconds = Stopwatch.seconds { predictions = model!.predict(xTest) }
            report("knn p=\(exponent.formatted()) fit", seconds: fitSeconds, samples: train)
            report("knn p=\(exponent.formatted()) predict", seconds: seconds, samples: test)
            accuracy("knn p=\(exponent.formatted())", predictions, yTest)
        }
        if !noNaiveBayes {
            var model: GaussianNBModel?
            let fitSeconds = try Self.timed { model = try GaussianNB().fit(x, y) }
            var predictions = Tensor(0)
            let seconds = Stopwatch.seconds { predictions = model!.predict(xTest) }
            report("gaussian-nb fit", seconds: fitSeconds, samples: train)
            report("gaussian-nb predict", seconds: seconds, samples: test)
            accuracy("gaussian-nb", predictions, yTest)
        }
    }

    private func report(_ workload: String, seconds: Double, samples: Int) {
        BenchResult(workload: workload, threads: Parallel.threadCount, backend: MatrixMultiply.backendName,
                    samplesPerSecond: Double(samples) / seconds, microseconds: seconds * 1e6).print(json: options.json)
    }

    private func accuracy(_ workload: String, _ predictions: Tensor, _ labels: Tensor) {
        let value = Double(zip(predictions.scalars, labels.scalars).filter { $0 == $1 }.count) / Double(labels.shape[0])
        if options.json {
            printJSONLine(Accuracy(workload: workload, accuracy: value, threads: Parallel.threadCount))
        } else {
            print("\(workload.padding(toLength: 28, withPad: " ", startingAt: 0)) accuracy \(String(format: "%.4f", value))")
        }
    }

    private static func timed(_ body: () throws -> Void) throws -> Double {
        var failure: Error?
        let seconds = Stopwatch.seconds { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        return seconds
    }

    /// The first `train`/`test` Fashion-MNIST images as `[n, 784]` rows, standardised with the training
    /// images' statistics (constant pixels only centred), and their labels.
    static func fashionMNIST(train: Int, test: Int) throws -> (Tensor, Tensor, Tensor, Tensor) {
        let trainSet = try ImageDataset.fashionMNIST.load(.train), testSet = try ImageDataset.fashionMNIST.load(.test)
        let n = min(train, trainSet.count), m = min(test, testSet.count)
        let x = trainSet.inputs.reshaped([trainSet.count, -1]).slice(axis: 0, 0..<n)
        let xTest = testSet.inputs.reshaped([testSet.count, -1]).slice(axis: 0, 0..<m)
        let scaler = Standardizer(fitting: x)
        return (scaler.transform(x), trainSet.targets.slice(axis: 0, 0..<n), scaler.transform(xTest), testSet.targets.slice(axis: 0, 0..<m))
    }
}
