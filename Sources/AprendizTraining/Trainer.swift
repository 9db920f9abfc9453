import Foundation
import AprendizAutodiff
import AprendizData
import AprendizNN
import AprendizOptimizers
import AprendizTensor

/// Runs the training loop for you (Keras's `fit`): epochs of shuffled mini-batches, validation,
/// metrics, callbacks, penalties, gradient clipping and a guard against NaN/∞ losses.
///
/// Each step is exactly the manual loop of chapter 6:
/// ```
/// ŷ = model(x);  L = loss(ŷ, y) + Σ penalties;  L.backward();  clip;  optimizer.step();  optimizer.zeroGrad()
/// ```
/// ```swift
/// let trainer = Trainer(model: model, loss: crossEntropyLoss, optimizer: SGD(parameters: model.parameters(), learningRate: 0.1),
///                       metrics: [.accuracy], callbacks: [ProgressLogger()])
/// let history = try trainer.fit(train, epochs: 20, batchSize: 32, validation: .dataset(test))
/// ```
public final class Trainer {
    /// The model being trained.
    public let model: Module
    /// The objective.
    public let loss: Loss
    /// The update rule (any conformer of `Optimizer`).
    public let optimizer: any Optimizer
    /// Scores reported every epoch on the training and validation sets.
    public var metrics: [Metric]
    /// Hooks run around each epoch.
    public var callbacks: [Callback]
    /// Weight penalties added to the loss.
    public var penalties: [Penalty]
    /// Gradient clipping applied between backward and step, if any.
    public var gradientClipping: GradientClipping?
    /// Set by a callback to end training: after the current batch when set in
    /// ``Callback/batchDidEnd(_:examples:loss:trainer:)`` (the partial epoch is still logged), after
    /// the current epoch when set in ``Callback/epochDidEnd(_:trainer:)``.
    public var stopTraining = false
    /// The number of batches in each epoch of the running `fit`.
    public private(set) var batchesPerEpoch = 0
    /// The number of epochs the running ``fit(_:epochs:batchSize:shuffle:seed:initialEpoch:validation:)`` asked for.
    public private(set) var plannedEpochs = 0
    /// The logs of every finished epoch of the last `fit`.
    public private(set) var history: [EpochLogs] = []
    /// Data-parallel training over several processes (``DataParallel``; `batchSize` is then the global
    /// batch, split over the ranks), or nil (default) to train in this process alone.
    public var dataParallel: DataParallel?
    /// Random image transformations applied to every training batch (§24.6, `BatchAugmentation`), or nil (default).
    /// Validation and ``evaluate(_:batchSize:)`` see the examples as they are. Under ``dataParallel`` each rank
    /// augments its own shard with the draws of (epoch, batch), so the examples differ from a one-process run.
    public var augmentation: BatchAugmentation?

    /// A trainer for `model` with its loss, optimizer, metrics, callbacks, weight penalties and optional gradient clipping.
    public init(model: Module, loss: Loss, optimizer: any Optimizer, metrics: [Metric] = [], callbacks: [Callback] = [],
                penalties: [Penalty] = [], gradientClipping: GradientClipping? = nil) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.metrics = metrics
        self.callbacks = callbacks
        self.penalties = penalties
        self.gradientClipping = gradientClipping
    }

    /// Trains for `epochs` epochs (fewer if a callback stops it) and returns the epoch logs.
    /// - Parameters:
    ///   - dataset: the training examples.
    ///   - epochs: the number of passes over `dataset`, ≥ 1.
    ///   - batchSize: examples per update (1: SGD, the data-set size: full batch; §6.3.2–6.3.3).
    ///   - shuffle: a new example order every epoch, from `seed`.
    ///   - seed: the seed of the shuffling generator (default 0).
    ///   - initialEpoch: epochs already done, e.g. by the run a checkpoint came from (Keras's
    ///     `initial_epoch`, default 0): the loader's generator skips their orders and training runs
    ///     epochs `initialEpoch + 1 … epochs`, so a resumed run sees the global batches the
    ///     uninterrupted run would (on any number of ranks).
    ///   - validation: `.split(f)` holds out the last fraction f of `dataset` (as Keras, before
    ///     shuffling); `.dataset(d)` evaluates on d after each epoch.
    /// - Throws: ``TrainingError/nonFiniteLoss(epoch:batch:value:checkpoint:)`` (parameters restored
    ///   to the last good epoch), or an error thrown by a callback.
    @discardableResult
    public func fit<Source: Dataset>(_ dataset: Source, epochs: Int, batchSize: Int = 32, shuffle: Bool = true,
                                     seed: UInt64 = 0, initialEpoch: Int = 0, validation: Validation = .none) throws -> [EpochLogs] {
        require(epochs >= 1, "Trainer.fit: invalid number of epochs \(epochs)")
        require(initialEpoch >= 0 && initialEpoch < epochs, "Trainer.fit: initialEpoch \(initialEpoch) is not in 0..<\(epochs)")
        let (training, held) = validation.split(dataset)
        let loader = DataLoader(training, batchSize: batchSize, shuffle: shuffle, seed: seed)
        loader.augmentation = augmentation
        for _ in 0..<initialEpoch { _ = loader.nextEpochOrder() }
        plannedEpochs = epochs
        batchesPerEpoch = loader.batchCount
        history = []
        stopTraining = false
        try dataParallel?.broadcastParameters(model.parameters())
        callbacks.forEach { $0.trainingWillBegin(self) }
        defer { callbacks.forEach { $0.trainingDidEnd(self) } }
        for epoch in (initialEpoch + 1)...epochs {
            callbacks.forEach { $0.epochWillBegin(epoch, trainer: self) }
            let start = Date()
            var logs = try dataParallel.map { try runParallelEpoch(epoch, loader, $0) } ?? runEpoch(epoch, loader)
            if let held { logs.merge(evaluate(held).mapKeys { "val_\($0)" }) { $1 } }
            logs["learning_rate"] = optimizer.learningRate
            logs["seconds"] = Float(Date().timeIntervalSince(start))
            let entry = EpochLogs(epoch: epoch, values: logs)
            history.append(entry)
            for callback in callbacks { try callback.epochDidEnd(entry, trainer: self) }
            if let dataParallel { stopTraining = try dataParallel.anyRank(stopTraining) }
            if stopTraining { break }
        }
        return history
    }

    /// One pass over the loader; returns `loss` and the metrics on the training batches.
    private func runEpoch<Source: Dataset>(_ epoch: Int, _ loader: DataLoader<Source>) throws -> [String: Float] {
        model.train()
        let lastGood = model.parameters().map(\.value)
        var accumulator = OutputAccumulator()
        for (index, batch) in loader.enumerated() {
            let (value, outputs) = trainStep(batch)
            guard value.isFinite else {
                for (parameter, saved) in zip(model.parameters(), lastGood) { parameter.value = saved }
                optimizer.zeroGrad()
                throw TrainingError.nonFiniteLoss(epoch: epoch, batch: index + 1, value: value, checkpoint: lastCheckpoint)
            }
            accumulator.add(outputs: outputs, targets: batch.targets, loss: value)
            callbacks.forEach { $0.batchDidEnd(index + 1, examples: batch.count, loss: value, trainer: self) }
            if stopTraining { break }
        }
        return accumulator.logs(metrics)
    }

    /// One update on `batch`: forward, loss (+ penalties), backward, clipping, step, clearing the
    /// gradients. Returns the loss value and the model outputs. The step is skipped when the loss is
    /// not finite.
    @discardableResult
    public func trainStep(_ batch: Batch) -> (loss: Float, outputs: Tensor) {
        let outputs = model(batch.inputs)
        var objective = loss(outputs, batch.targets)
        for penalty in penalties { objective = objective + penalty(model) }
        let value = objective.value.scalar
        guard value.isFinite else { return (value, outputs.value) }
        objective.backward()
        gradientClipping?.apply(to: optimizer.parameters)
        optimizer.step()
        optimizer.zeroGrad()
        return (value, outputs.value)
    }

    /// The loss and metrics of the model on `dataset`, in inference mode and without recording a graph.
    public func evaluate(_ dataset: any Dataset, batchSize: Int = 256) -> [String: Float] {
        var accumulator = OutputAccumulator()
        forEachInferenceBatch(dataset, batchSize: batchSize) { batch, outputs in
            let value = loss(Variable(outputs), batch.targets).value.scalar
            accumulator.add(outputs: outputs, targets: batch.targets, loss: value)
        }
        return accumulator.logs(metrics)
    }

    /// The model's outputs for `inputs` (`[count, …]`), in inference mode, computed `batchSize` rows at a time.
    public func predict(_ inputs: Tensor, batchSize: Int = 256) -> Tensor {
        let dataset = TensorDataset(inputs: inputs, targets: Tensor.zeros([inputs.shape[0]]))
        var parts: [Tensor] = []
        forEachInferenceBatch(dataset, batchSize: batchSize) { _, outputs in parts.append(outputs) }
        return Tensor.concatenate(parts, axis: 0)
    }

    private func forEachInferenceBatch(_ dataset: any Dataset, batchSize: Int, _ body: (Batch, Tensor) -> Void) {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        withoutGradient {
            for start in stride(from: 0, to: dataset.count, by: batchSize) {
                let batch = dataset.batch(at: Array(start..<min(start + batchSize, dataset.count)))
                body(batch, model(batch.inputs).value)
            }
        }
    }

    /// The file the last ``ModelCheckpoint`` callback wrote, if any.
    var lastCheckpoint: URL? {
        callbacks.compactMap { ($0 as? ModelCheckpoint)?.lastSaved }.last
    }
}

/// Where the validation examples come from.
public enum Validation {
    /// No validation.
    case none
    /// The last fraction (0 < f < 1) of the training data, held out before shuffling (Keras's `validation_split`).
    case split(Float)
    /// A separate data set.
    case dataset(any Dataset)

    /// The training part and the held-out part (if any) of `dataset`.
    func split<Source: Dataset>(_ dataset: Source) -> (SubsetDataset<Source>, (any Dataset)?) {
        switch self {
        case .none:
            return (dataset.subset(Array(0..<dataset.count)), nil)
        case .dataset(let held):
            return (dataset.subset(Array(0..<dataset.count)), held)
        case .split(let fraction):
            require(fraction > 0 && fraction < 1, "Trainer.fit: validation split \(fraction) is not in (0, 1)")
            let trainCount = dataset.count - Int((Double(fraction) * Double(dataset.count)).rounded(.up))
            require(trainCount > 0, "Trainer.fit: validation split \(fraction) leaves no training examples")
            return (dataset.subset(Array(0..<trainCount)), dataset.subset(Array(trainCount..<dataset.count)))
        }
    }
}

/// How gradients are limited before each step (§24.4).
public enum GradientClipping: Sendable {
    /// Rescale so the global L2 norm is at most the value (`clipGradients(_:maxNorm:)`).
    case norm(Float)
    /// Clamp every element to [−v, v] (`clipGradients(_:maxValue:)`).
    case value(Float)

    func apply(to parameters: [Variable]) {
        switch self {
        case .norm(let maxNorm): clipGradients(parameters, maxNorm: maxNorm)
        case .value(let maxValue): clipGradients(parameters, maxValue: maxValue)
        }
    }
}

/// Collects batch outputs, targets and losses over an epoch to compute epoch-level metrics.
struct OutputAccumulator {
    private var outputs: [Tensor] = [], targets: [Tensor] = []
    private var weightedLoss: Double = 0, count = 0

    mutating func add(outputs batchOutputs: Tensor, targets batchTargets: Tensor, loss: Float) {
        outputs.append(batchOutputs)
        targets.append(batchTargets)
        weightedLoss += Double(loss) * Double(batchTargets.shape[0])
        count += batchTargets.shape[0]
    }

    /// `loss` (the example-weighted mean of batch losses) and every metric over all examples.
    func logs(_ metrics: [Metric]) -> [String: Float] {
        var logs = ["loss": Float(weightedLoss / Double(max(count, 1)))]
        guard !metrics.isEmpty, !outputs.isEmpty else { return logs }
        let allOutputs = Tensor.concatenate(outputs, axis: 0), allTargets = Tensor.concatenate(targets, axis: 0)
        for metric in metrics { logs[metric.name] = metric(allOutputs, allTargets) }
        return logs
    }
}

extension Dictionary {
    func mapKeys(_ transform: (Key) -> Key) -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
