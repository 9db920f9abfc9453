import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz dbn`: a deep belief network (§20) — greedy RBM pre-training, then supervised fine-tuning — against
/// the same network trained from a random start.
struct DBNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbn",
        abstract: "Pre-train a deep belief network layer by layer (RBMs), fine-tune it, and compare with no pre-training (§20).",
        discussion: """
        Stacks one RBM per --hidden entry, each trained (PCD-1) on the hidden probabilities of the one below, then
        unrolls the stack into a sigmoid network with a softmax output and fine-tunes it with Adam and cross-entropy.
        The same network from Glorot-uniform weights is trained with the same seed, epochs and optimizer; both
        test accuracies are printed.
        Example: aprendiz dbn --dataset fashion-mnist --hidden 256,128 --limit 10000 --epochs 5
        """
    )

    @Option(help: "digits, mnist or fashion-mnist.")
    var dataset: String = "digits"

    @Option(help: "Hidden layer sizes, comma-separated.")
    var hidden: String = "64,32"

    @Option(help: "RBM epochs per layer.")
    var pretrainEpochs: Int = 10

    @Option(help: "RBM learning rate.")
    var pretrainLearningRate: Float = 0.05

    @Option(help: "Fine-tuning epochs (both networks).")
    var epochs: Int = 5

    @Option(help: "Fine-tuning learning rate (Adam).")
    var learningRate: Float = 1e-3

    @Option(help: "Fine-tuning minibatch size.")
    var batchSize: Int = 32

    @Option(help: "Use only the first N training rows.")
    var limit: Int?

    @Option(help: "Seed of the weights, the sampling and the shuffling.")
    var seed: UInt64 = 0

    func run() throws {
        let sizes = try IntegerList.parse(hidden, option: "--hidden", example: "256,128")
        for (name, value) in [("--pretrain-epochs", pretrainEpochs), ("--epochs", epochs), ("--batch-size", batchSize), ("--limit", limit ?? 1)]
        where value < 1 { throw CLIError("\(name) must be at least 1, got \(value)") }
        let data = try BoltzmannData.load(dataset, limit: limit, binarize: true, seed: seed)
        let classes = Int(max(data.trainLabels.max().scalar, data.testLabels.max().scalar)) + 1
        print("DBN \(([data.train.shape[1]] + sizes).map(String.init).joined(separator: "-"))-\(classes) on \(data.train.shape[0]) rows of \(dataset), seed \(seed)")
        var generator = RandomGenerator(seed: seed)
        let (network, curves) = DeepBeliefNetwork.pretrained(
            on: data.train, hiddenSizes: sizes, options: .init(learningRate: pretrainLearningRate, batchSize: 10, epochs: pretrainEpochs),
            using: &generator)
        for (layer, curve) in curves.enumerated() {
            print("RBM \(layer + 1) pseudo-likelihood per epoch: " + curve.map { String(format: "%.2f", $0) }.joined(separator: " "))
        }
        var pretrainedGenerator = RandomGenerator(seed: seed &+ 1), randomGenerator = RandomGenerator(seed: seed &+ 1)
        let pretrained = try fineTune(network.unrolled(classes: classes, using: &pretrainedGenerator), data)
        let baseline = try fineTune(DeepBeliefNetwork.randomlyInitialised(sizes: [data.train.shape[1]] + sizes, classes: classes,
                                                                          using: &randomGenerator), data)
        print(String(format: "test accuracy after %d epochs: pre-trained %.4f, random start %.4f", epochs, pretrained, baseline))
    }

    private func fineTune(_ model: Sequential, _ data: BoltzmannData) throws -> Float {
        let trainer = Trainer(model: model, loss: .crossEntropy,
                              optimizer: OptimizerKind.adam.makeOptimizer(parameters: model.parameters(), learningRate: learningRate),
                              metrics: [.accuracy])
        try trainer.fit(TensorDataset(inputs: data.train, targets: data.trainLabels), epochs: epochs, batchSize: batchSize, seed: seed)
        return trainer.evaluate(TensorDataset(inputs: data.test, targets: data.testLabels))["accuracy"] ?? .nan
    }
}
