import Aprendiz
import Foundation
import Testing

/// Fashion-MNIST integration test (runs only when the data set is installed: `.ci/run` installs
/// Debian's `dataset-fashion-mnist`).
///
/// - Release builds, or `APRENDIZ_INTEGRATION=1`: the full test — all 60 000 training images, the
///   MLP 784-256-128-10 (ReLU, Adam η 0.001, batch 64) must reach ≥ 88 % on the 10 000
///   test images within 10 epochs (it stops at the first epoch that does).
/// - Debug builds otherwise (plain `swift test`, as in CI): the same code on the first 20 000
///   training images for at most 5 epochs, ≥ 84 % on all 10 000 test images — far above chance
///   (10 %), so a broken layer, loss or loader fails it, while keeping a debug run short.
@Suite struct FashionMNISTTests {
    static var isFull: Bool {
        #if DEBUG
        ProcessInfo.processInfo.environment["APRENDIZ_INTEGRATION"] == "1"
        #else
        true
        #endif
    }

    @Test(.enabled(if: ImageDataset.fashionMNIST.isInstalled, "Fashion-MNIST is not installed"))
    func mlpReachesTarget() throws {
        let full = Self.isFull
        var train = try ImageDataset.fashionMNIST.load(.train)
        let test = try ImageDataset.fashionMNIST.load(.test)
        if !full {
            train = train.batch(at: Array(0..<20_000)).dataset
        }
        let model = Sequential(multilayerPerceptron([784, 256, 128, 10], seed: 11).layers.reduce(into: [Flatten()]) { $0.append($1) })
        let target: Float = full ? 0.88 : 0.84
        let trainer = Trainer(model: model, loss: .crossEntropy,
                              optimizer: Adam(parameters: model.parameters(), learningRate: 0.001),
                              metrics: [.accuracy], callbacks: [ProgressLogger(), StopAt(target)])
        let logs = try trainer.fit(train, epochs: full ? 10 : 5, batchSize: 64, seed: 12, validation: .dataset(test))
        let best = logs.map { $0["val_accuracy"]! }.max()!
        let seconds = logs.map { $0["seconds"]! }.reduce(0, +) / Float(logs.count)
        print("fashion-mnist (\(full ? "full" : "subset")): test accuracy \(best) after \(logs.count) epochs, \(seconds) s/epoch")
        #expect(best >= target, "Fashion-MNIST test accuracy \(best) after \(logs.count) epochs")
    }

    /// Stops training at the first epoch whose validation accuracy reaches `target`.
    final class StopAt: Callback {
        let target: Float
        init(_ target: Float) { self.target = target }
        func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) { if logs["val_accuracy"]! >= target { trainer.stopTraining = true } }
    }
}
