// The before/after runs of Docs/Techniques.md (chapter 24): the same network, seed and schedule on a
// Fashion-MNIST subset, with and without one technique. Release build:
//   swift build -c release --product aprendiz-techniques
//   .build/release/aprendiz-techniques [init|l2|batchnorm|clipping|dropout|augmentation …] [--train 10000] [--epochs 20] [--run K]
// Prints one Markdown row per run: final training accuracy (clean training subset), final and best test
// accuracy over the epochs (all 10 000 test images), and the seconds of training.
import AprendizAutodiff
import AprendizData
import AprendizMetrics
import AprendizNN
import AprendizOptimizers
import AprendizTensor
import AprendizTraining
import Foundation

struct Run {
    var name: String
    var model: () -> Sequential
    var optimizer: (Sequential) -> any Optimizer
    var epochs: Int
    var penalties: [Penalty] = []
    var clipping: GradientClipping? = nil
    var augmentation: BatchAugmentation? = nil
}

/// Test accuracy after every epoch (the loss may take soft targets, so it is scored here, not by the trainer).
final class TestAccuracy: Callback {
    let test: TensorDataset
    var history: [Float] = []
    init(_ test: TensorDataset) { self.test = test }
    func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) throws {
        history.append(accuracy(scores: trainer.predict(test.inputs), labels: test.targets))
    }
}

/// Writes unbuffered: each row appears as soon as its run ends.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

let arguments = CommandLine.arguments.dropFirst()
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), arguments.index(after: i) < arguments.endIndex else { return fallback }
    return Int(arguments[arguments.index(after: i)]) ?? fallback
}
let trainCount = option("--train", 10_000), epochs = option("--epochs", 20), seed: UInt64 = 1
let onlyRun = option("--run", -1)  // one run of each chosen group (0, 1, …), to run them as parallel processes
let chosen = Set(arguments.filter { !$0.hasPrefix("--") && Int($0) == nil })

let fullTrain = try ImageDataset.fashionMNIST.load(.train), test = try ImageDataset.fashionMNIST.load(.test)
let train = TensorDataset(inputs: fullTrain.inputs.slice(axis: 0, 0..<trainCount), targets: fullTrain.targets.slice(axis: 0, 0..<trainCount))
let image = ImageShape(height: 28, width: 28)

func mlp(_ widths: [Int], batchNorm: Bool = false, dropout: Float = 0, initializer: Initializer = .glorotUniform,
         smallNormal: Float? = nil) -> Sequential {
    RandomGenerator.seedGlobal(seed)
    var layers: [Module] = [Flatten()]
    var inputs = 784
    for (i, width) in widths.enumerated() {
        let dense = Dense(inputs, width, weightInitializer: initializer)
        if let smallNormal { dense.weight.value = Tensor.randomNormal([inputs, width], standardDeviation: smallNormal) }
        layers.append(dense)
        if batchNorm { layers.append(BatchNorm(width)) }
        layers.append(ReLU())
        if dropout > 0 { layers.append(Dropout(probability: dropout, seed: seed + UInt64(i))) }
        inputs = width
    }
    layers.append(Dense(inputs, 10, weightInitializer: initializer))
    return Sequential(layers)
}

let adam: (Sequential) -> any Optimizer = { Adam(parameters: $0.parameters(), learningRate: 1e-3) }
func sgd(_ rate: Float) -> (Sequential) -> any Optimizer { { SGD(parameters: $0.parameters(), learningRate: rate) } }
func augment(_ spec: String) -> BatchAugmentation {
    try! BatchAugmentation(ImageAugmentation.parseList(spec), image: image, classCount: 10, seed: seed)
}

let wide = [512, 512], deep = [256, 256, 256, 256, 256, 256]
let groups: [(String, [Run])] = [
    ("init", [
        Run(name: "deep ReLU MLP, weights N(0, 0.01²)", model: { mlp(deep, smallNormal: 0.01) }, optimizer: sgd(0.05), epochs: 10),
        Run(name: "deep ReLU MLP, He normal (§24.1)", model: { mlp(deep, initializer: .heNormal) }, optimizer: sgd(0.05), epochs: 10),
    ]),
    ("l2", [
        Run(name: "MLP 512-512, Adam", model: { mlp(wide) }, optimizer: adam, epochs: epochs),
        Run(name: "MLP 512-512, Adam + L2 λ=1e-4 (§24.2)", model: { mlp(wide) }, optimizer: adam, epochs: epochs, penalties: [.l2(1e-4)]),
        Run(name: "MLP 512-512, Adam + L1 λ=1e-5 (§24.2)", model: { mlp(wide) }, optimizer: adam, epochs: epochs, penalties: [.l1(1e-5)]),
    ]),
    ("batchnorm", [
        Run(name: "MLP 256×3, SGD η=0.01", model: { mlp([256, 256, 256]) }, optimizer: sgd(0.01), epochs: 10),
        Run(name: "MLP 256×3 + BatchNorm, SGD η=0.01 (§24.3)", model: { mlp([256, 256, 256], batchNorm: true) }, optimizer: sgd(0.01), epochs: 10),
    ]),
    ("clipping", [
        Run(name: "deep MLP (He), SGD η=0.5", model: { mlp(deep, initializer: .heNormal) }, optimizer: sgd(0.5), epochs: 10),
        Run(name: "deep MLP (He), SGD η=0.5 + clip ‖g‖≤1 (§24.4)", model: { mlp(deep, initializer: .heNormal) }, optimizer: sgd(0.5), epochs: 10,
            clipping: .norm(1)),
    ]),
    // The baseline of dropout and augmentation is the first run of "l2" (the same network, seed and schedule).
    ("dropout", [
        Run(name: "MLP 512-512 + Dropout 0.5, Adam (§24.5)", model: { mlp(wide, dropout: 0.5) }, optimizer: adam, epochs: epochs),
    ]),
    ("augmentation", [
        Run(name: "… + crop=2,flip (§24.6)", model: { mlp(wide) }, optimizer: adam, epochs: epochs, augmentation: augment("crop=2,flip")),
        Run(name: "… + rotate=10,translate=2", model: { mlp(wide) }, optimizer: adam, epochs: epochs, augmentation: augment("rotate=10,translate=2")),
        Run(name: "… + flip,noise=0.05,cutout=8", model: { mlp(wide) }, optimizer: adam, epochs: epochs, augmentation: augment("flip,noise=0.05,cutout=8")),
        Run(name: "… + mixup=0.2", model: { mlp(wide) }, optimizer: adam, epochs: epochs, augmentation: augment("mixup=0.2")),
    ]),
]

emit("Fashion-MNIST: first \(trainCount) training images, all \(test.count) test images, batch 64, seed \(seed), \(Parallel.threadCount) threads\n")
emit("| technique | run | epochs | train acc. | test acc. (final) | test acc. (best) | seconds |\n")
emit("|---|---|---|---|---|---|---|\n")
for (group, runs) in groups where chosen.isEmpty || chosen.contains(group) {
    for (index, run) in runs.enumerated() where onlyRun < 0 || index == onlyRun {
        let model = run.model()
        let soft = run.augmentation?.producesSoftTargets ?? false
        let scorer = TestAccuracy(test)
        let trainer = Trainer(model: model, loss: soft ? .crossEntropyOneHot : .crossEntropy, optimizer: run.optimizer(model),
                              callbacks: [scorer], penalties: run.penalties, gradientClipping: run.clipping)
        trainer.augmentation = run.augmentation
        let start = Date()
        var outcome = ""
        do { try trainer.fit(train, epochs: run.epochs, batchSize: 64, seed: seed) } catch { outcome = " (stopped: \(error))" }
        let seconds = Date().timeIntervalSince(start)
        let trainAccuracy = accuracy(scores: trainer.predict(train.inputs), labels: train.targets)
        let final = scorer.history.last ?? .nan, best = scorer.history.max() ?? .nan
        let row = "| \(group) | \(run.name)\(outcome) | \(scorer.history.count) | \(String(format: "%.4f", trainAccuracy)) | "
            + "\(String(format: "%.4f", final)) | \(String(format: "%.4f", best)) | \(String(format: "%.0f", seconds)) |\n"
        emit(row)
    }
}
