import Aprendiz
import Foundation

/// Mini-batch training of an image classifier with Adam and cross-entropy on logits (chapter 6's
/// loop), printing each epoch's loss, test accuracy and seconds.
func trainImageClassifier(_ model: Module, images: Tensor, labels: Tensor, testImages: Tensor, testLabels: Tensor,
                          epochs: Int, batchSize: Int, learningRate: Float, seed: UInt64) -> [Float] {
    let optimizer = Adam(parameters: model.parameters(), learningRate: learningRate)
    var generator = RandomGenerator(seed: seed)
    let count = images.shape[0]
    var accuracies: [Float] = []
    for epoch in 1...epochs {
        let start = Date()
        model.train()
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        var totalLoss: Float = 0
        for first in stride(from: 0, to: count, by: batchSize) {
            let indices = Array(order[first..<min(first + batchSize, count)])
            let loss = crossEntropy(logits: model(images.selecting(indices, axis: 0)), labels: labels.selecting(indices, axis: 0))
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
            totalLoss += loss.value.scalar * Float(indices.count)
        }
        let accuracy = classificationAccuracy(model, images: testImages, labels: testLabels)
        accuracies.append(accuracy)
        print(String(format: "epoch %d: loss %.4f, test accuracy %.4f, %.1f s", epoch, totalLoss / Float(count), accuracy,
                     Date().timeIntervalSince(start)))
    }
    return accuracies
}

/// The fraction of `images` whose largest logit is the label (inference mode, no graph).
func classificationAccuracy(_ model: Module, images: Tensor, labels: Tensor, batchSize: Int = 500) -> Float {
    model.eval()
    defer { model.train() }
    var correct = 0
    let count = images.shape[0]
    withoutGradient {
        for first in stride(from: 0, to: count, by: batchSize) {
            let range = first..<min(first + batchSize, count)
            let indices = Array(range)
            let predicted = model(images.selecting(indices, axis: 0)).value.argmax(axis: 1).scalars
            let truth = labels.selecting(indices, axis: 0).scalars
            correct += zip(predicted, truth).filter { $0 == $1 }.count
        }
    }
    return Float(correct) / Float(count)
}

/// The bundled 8×8 digits as 28×28×1 images: each pixel repeated 3×3 (nearest-neighbour upsampling
/// to 24×24), a 2-pixel border of zeros, values scaled from 0–16 to 0–1.
func digitsAs28By28(_ inputs: Tensor) -> Tensor {
    let count = inputs.shape[0]
    var scalars = [Float](repeating: 0, count: count * 28 * 28)
    let source = inputs.scalars
    for n in 0..<count {
        for y in 0..<24 {
            for x in 0..<24 { scalars[n * 784 + (y + 2) * 28 + x + 2] = source[n * 64 + (y / 3) * 8 + x / 3] / 16 }
        }
    }
    return Tensor(shape: [count, 28, 28, 1], scalars: scalars)
}

/// One split of Fashion-MNIST as `[n, 28, 28, 1]` images in [0, 1] and `[n]` labels, or `nil` when it
/// is not installed.
func fashionMNIST(_ split: ImageDataset.Split, limit: Int? = nil) throws -> (images: Tensor, labels: Tensor)? {
    guard ImageDataset.fashionMNIST.isInstalled else { return nil }
    let files = try ImageDataset.fashionMNIST.files(split)
    let images = try IDXFile(contentsOf: files.images), labels = try IDXFile(contentsOf: files.labels)
    let count = min(limit ?? images.shape[0], images.shape[0])
    let pixels = images.data.prefix(count * 784).map { Float($0) / 255 }
    return (Tensor(shape: [count, 28, 28, 1], scalars: pixels), Tensor(labels.data.prefix(count).map { Float($0) }))
}
