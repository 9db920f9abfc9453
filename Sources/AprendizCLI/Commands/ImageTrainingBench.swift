import Aprendiz

/// The training-step workload `bench cnn` and `bench resnet` share: forward, cross-entropy on random labels,
/// backward, Adam (η = 0.001), zero the gradients, on batches of random 28×28×1 images.
enum ImageTrainingBench {
    /// Samples per second of `model`'s training steps over one epoch of `epochSamples` (in batches of
    /// `batchSize`), the median of `repeats` timed epochs after a warm-up epoch.
    static func samplesPerSecond(_ model: Sequential, epochSamples: Int, batchSize: Int = 64, repeats: Int,
                                 using generator: inout RandomGenerator) -> Double {
        let steps = epochSamples / batchSize
        let optimizer = Adam(parameters: model.parameters(), learningRate: 0.001)
        let images = (0..<steps).map { _ in Tensor.randomUniform([batchSize, 28, 28, 1], using: &generator) }
        let labels = (0..<steps).map { _ in
            Tensor((0..<batchSize).map { _ in Float(Int.random(in: 0..<10, using: &generator)) })
        }
        let seconds = Stopwatch.median(repeats: repeats) {
            for step in 0..<steps {
                let loss = crossEntropy(logits: model(images[step]), labels: labels[step])
                loss.backward()
                optimizer.step()
                optimizer.zeroGrad()
            }
        }
        return Double(steps * batchSize) / seconds
    }
}
