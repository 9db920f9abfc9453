import Aprendiz
import Foundation
import Testing

/// The chapter 21 networks learn real images: LeNet-5 on the bundled digits, the Fashion-MNIST
/// "2 Conv + pooling" network on a subset (CI) and, by hand in release mode, on the full set to the
/// published 0.916.
@Suite(.serialized) struct ConvolutionalTrainingTests {
    /// LeNet-5 on the bundled 8×8 digits upsampled to 28×28 (``digitsAs28By28(_:)``), a stratified
    /// 80/20 split (1 437 / 360 images): ≥ 98 % test accuracy.
    @Test func leNet5ReachesNinetyEightPercentOnDigits() throws {
        let digits = try BundledDataset.digits.load()
        let (train, test) = trainTestSplit(digits, testFraction: 0.2, stratified: true, seed: 7)
        var generator = RandomGenerator(seed: 11)
        let model = Sequential.leNet5(using: &generator)
        let accuracies = trainImageClassifier(model, images: digitsAs28By28(train.inputs), labels: train.targets,
                                              testImages: digitsAs28By28(test.inputs), testLabels: test.targets,
                                              epochs: 12, batchSize: 32, learningRate: 0.001, seed: 13)
        #expect(accuracies.last! >= 0.98)
    }

    /// The Fashion-MNIST network on the first 3 000 training images for 2 epochs, tested on the first
    /// 1 000 test images. Threshold 0.78: the README's logistic regression on all 60 000 images scores
    /// 0.842, and on 3 000 images this CNN measured 0.8 and more in release runs; 0.78 leaves room for
    /// platform rounding while failing for a network that learns nothing useful (chance is 0.10) or
    /// only a little.
    @Test(.enabled(if: ImageDataset.fashionMNIST.isInstalled, "Fashion-MNIST is not installed"))
    func fashionConvNetLearnsOnASubset() throws {
        let train = try #require(try fashionMNIST(.train, limit: 3_000))
        let test = try #require(try fashionMNIST(.test, limit: 1_000))
        var generator = RandomGenerator(seed: 17)
        let model = Sequential.fashionConvNet(dropoutSeed: 19, using: &generator)
        let accuracies = trainImageClassifier(model, images: train.images, labels: train.labels, testImages: test.images,
                                              testLabels: test.labels, epochs: 2, batchSize: 50, learningRate: 0.001, seed: 23)
        #expect(accuracies.last! >= 0.78)
    }

    /// The full run recorded in the README (≥ 0.916, the Fashion-MNIST README's figure for this
    /// network). Minutes in release mode, so it runs only when asked:
    /// `APRENDIZ_FASHION_EPOCHS=N swift test -c release --filter fashionConvNetReachesPublishedAccuracy`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["APRENDIZ_FASHION_EPOCHS"] != nil, "full run not requested"))
    func fashionConvNetReachesPublishedAccuracy() throws {
        let epochs = Int(ProcessInfo.processInfo.environment["APRENDIZ_FASHION_EPOCHS"]!) ?? 10
        let train = try #require(try fashionMNIST(.train))
        let test = try #require(try fashionMNIST(.test))
        var generator = RandomGenerator(seed: 17)
        let model = Sequential.fashionConvNet(dropoutSeed: 19, using: &generator)
        let accuracies = trainImageClassifier(model, images: train.images, labels: train.labels, testImages: test.images,
                                              testLabels: test.labels, epochs: epochs, batchSize: 50, learningRate: 0.001, seed: 23)
        #expect(accuracies.max()! >= 0.916)
    }
}
