import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz train-vit`: trains a Vision Transformer (§25.7) on Fashion-MNIST (or MNIST) and reports the
/// test accuracy after every epoch.
///
/// A command of its own rather than `train --model vit`: `train`'s model files describe a `Sequential`
/// layer by layer, while a ViT is a graph (class token, concatenation, residual blocks) rebuilt from its
/// configuration, as `train-lm`'s GPT. Pixels stay in [0, 1]. Each step takes `--batch-size` shuffled
/// training images, optionally augmented (`BatchAugmentation` crop with 2 pixels of zero padding — a random shift of up to
/// 2 pixels — and a horizontal flip with probability ½), and an AdamW step (weight decay `--weight-decay`, gradient norm
/// clipped to 1) at a learning rate warmed up linearly over the first `--warmup` epochs, then cosine
/// to 0 at the last step. The model file is written after every epoch.
struct TrainVisionTransformerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-vit",
        abstract: "Train a Vision Transformer on Fashion-MNIST (7×7 patches); report the test accuracy per epoch.",
        discussion: "Example: aprendiz train-vit --epochs 10 --width 64 --heads 4 --layers 4 --output vit.safetensors"
    )

    @Option(help: "fashion-mnist or mnist.") var dataset = "fashion-mnist"
    @Option(help: "Epochs over the 60 000 training images.") var epochs = 10
    @Option(help: "Images per step.") var batchSize = 128
    @Option(help: "Side P of the square patches (28 must be a multiple).") var patch = 7
    @Option(help: "Model width D.") var width = 64
    @Option(help: "Attention heads per block.") var heads = 4
    @Option(help: "Encoder blocks.") var layers = 4
    @Option(help: "Feed-forward width (default 2·width).") var feedForward: Int?
    @Option(help: "Dropout probability.") var dropout: Float = 0.1
    @Option(name: [.customLong("learning-rate"), .customLong("lr")], help: "AdamW peak learning rate.") var learningRate: Float = 1e-3
    @Option(help: "AdamW decoupled weight decay.") var weightDecay: Float = 0.05
    @Option(help: "Epochs of linear learning-rate warm-up.") var warmup: Float = 1
    @Flag(inversion: .prefixedNo, help: "Random shifts (±2 pixels) and horizontal flips of the training images.")
    var augment = true
    @Option(help: "Use only the first N training images (quick runs).") var limit: Int?
    @Option(help: "Use only the first N test images (quick runs).") var testLimit: Int?
    @Option(help: "Seed of the initial weights, the order and the augmentation.") var seed: UInt64 = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(name: [.customLong("output"), .customLong("save")], help: "Write the model here (.safetensors) after every epoch.")
    var output: String?

    func run() throws {
        try applyThreadCount(threads)
        guard let data = ImageDataset(rawValue: dataset) else {
            throw CLIError("--dataset \(dataset) is not one of \(ImageDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard epochs >= 1, batchSize >= 1 else { throw CLIError("--epochs and --batch-size must be ≥ 1 (got \(epochs), \(batchSize))") }
        guard learningRate > 0, weightDecay >= 0, warmup >= 0 else {
            throw CLIError("--learning-rate must be > 0, --weight-decay and --warmup ≥ 0")
        }
        let configuration = VisionTransformerConfiguration(patchSize: patch, modelDimension: width, headCount: heads, layerCount: layers,
                                                           feedForwardDimension: feedForward, dropout: dropout)
        if let problem = configuration.problem { throw CLIError("--patch/--width/--heads/--layers: \(problem)") }
        let train = try Self.first(limit, of: data.load(.train), option: "--limit")
        let test = try Self.first(testLimit, of: data.load(.test), option: "--test-limit")
        var generator = RandomGenerator(seed: seed)
        let model = VisionTransformer(configuration, using: &generator)
        let optimizer = AdamW(parameters: model.parameters(), learningRate: learningRate, rule: AdamWRule(weightDecay: weightDecay))
        let count = train.inputs.shape[0], perEpoch = (count + batchSize - 1) / batchSize, total = perEpoch * epochs
        let warmUpSteps = max(1, Int(warmup * Float(perEpoch)))
        let schedule = LearningRateSchedule.warmup(steps: warmUpSteps, then: .cosine(period: max(1, total - warmUpSteps), minimum: 0))
        print("\(data.rawValue): \(count) training, \(test.inputs.shape[0]) test images; ViT \(configuration.patchCount) patches "
              + "of \(patch)×\(patch), width \(width), \(heads) heads, \(layers) blocks: "
              + "\(model.parameters().reduce(0) { $0 + $1.value.count }) parameters; \(total) steps")
        let start = Date()
        var step = 0
        let side = train.inputs.shape[1], channels = train.inputs.shape[3]
        let augmentation = augment
            ? try BatchAugmentation([.crop(padding: 2), .horizontalFlip], image: ImageShape(height: side, width: side, channels: channels),
                                    seed: seed)
            : nil
        for epoch in 1...epochs {
            let order = generator.permutation(of: count)
            var lossSum: Float = 0
            for first in stride(from: 0, to: count, by: batchSize) {
                let indices = Array(order[first..<min(first + batchSize, count)])
                var images = train.inputs.selecting(indices)
                if let augmentation {
                    images = augmentation(Batch(inputs: images, targets: train.targets.selecting(indices)),
                                          epoch: epoch - 1, index: first / batchSize).inputs
                }
                optimizer.learningRate = schedule.learningRate(base: learningRate, step: step)
                optimizer.zeroGrad()
                let loss = model.loss(images: images, labels: train.targets.selecting(indices))
                loss.backward()
                _ = clipGradients(model.parameters(), maxNorm: 1)
                optimizer.step()
                lossSum += loss.value.scalars[0]
                step += 1
            }
            let accuracy = Self.accuracy(model, test)
            print(String(format: "epoch %3d  training loss %.4f  test accuracy %.4f  (%.0f s)", epoch, lossSum / Float(perEpoch),
                         accuracy, Date().timeIntervalSince(start)))
            if let output {
                try VisionTransformerFile.save(model, dataset: data, to: output,
                                               metadata: ["aprendiz.vit.epochs": "\(epoch)", "aprendiz.vit.testAccuracy": String(accuracy)])
            }
        }
        if let output { print("model written to \(output)") }
    }

    /// The first `limit` examples of `data` (all without a limit).
    static func first(_ limit: Int?, of data: TensorDataset, option: String) throws -> TensorDataset {
        guard let limit else { return data }
        guard limit >= 1 else { throw CLIError("\(option) must be ≥ 1, got \(limit)") }
        let kept = Array(0..<min(limit, data.inputs.shape[0]))
        return TensorDataset(inputs: data.inputs.selecting(kept), targets: data.targets.selecting(kept))
    }

    /// The fraction of `data`'s images whose most likely class is the label (inference mode, batches of 500).
    static func accuracy(_ model: VisionTransformer, _ data: TensorDataset) -> Double {
        model.eval()
        defer { model.train() }
        let count = data.inputs.shape[0], classes = model.configuration.classCount
        var correct = 0
        for first in stride(from: 0, to: count, by: 500) {
            let indices = Array(first..<min(first + 500, count))
            let logits = withoutGradient { model(Variable(data.inputs.selecting(indices))) }.value.scalars
            for (row, index) in indices.enumerated() {
                let scores = logits[(row * classes)..<((row + 1) * classes)]
                if scores.indices.max(by: { scores[$0] < scores[$1] })! - row * classes == Int(data.targets.scalars[index]) { correct += 1 }
            }
        }
        return Double(correct) / Double(max(count, 1))
    }
}
