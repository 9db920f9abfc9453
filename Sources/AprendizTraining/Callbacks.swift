import Foundation
import AprendizTensor

/// The metrics of one finished epoch: `loss`, each metric's name, their `val_` counterparts when
/// there is a validation set, `learning_rate` and `seconds` (wall time of the epoch).
public struct EpochLogs: Sendable {
    /// The epoch number, from 1.
    public let epoch: Int
    /// Values by key.
    public var values: [String: Float]

    /// Logs of `epoch` (1-based) with the metric values by name.
    public init(epoch: Int, values: [String: Float]) {
        self.epoch = epoch
        self.values = values
    }

    /// The value of `key`, if logged.
    public subscript(key: String) -> Float? { values[key] }
}

/// Code the ``Trainer`` calls around each epoch: progress output, early stopping, checkpoints,
/// learning-rate changes (Keras's callbacks). Every hook has an empty default; set
/// ``Trainer/stopTraining`` to end training after the current epoch.
public protocol Callback: AnyObject {
    /// Before the first epoch.
    func trainingWillBegin(_ trainer: Trainer)
    /// Before each epoch (numbered from 1).
    func epochWillBegin(_ epoch: Int, trainer: Trainer)
    /// After each training batch (numbered from 1 within the epoch) with its size and loss: progress
    /// display, or an interruption (set ``Trainer/stopTraining`` to stop after this batch).
    func batchDidEnd(_ batch: Int, examples: Int, loss: Float, trainer: Trainer)
    /// After each epoch, with its logs. A thrown error stops training and is rethrown by `fit`.
    func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) throws
    /// After the last epoch (also after early stopping).
    func trainingDidEnd(_ trainer: Trainer)
}

extension Callback {
    public func trainingWillBegin(_ trainer: Trainer) {}
    public func epochWillBegin(_ epoch: Int, trainer: Trainer) {}
    public func batchDidEnd(_ batch: Int, examples: Int, loss: Float, trainer: Trainer) {}
    public func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) throws {}
    public func trainingDidEnd(_ trainer: Trainer) {}
}

/// Prints one line per epoch: `epoch 3/10  loss 0.2154  accuracy 0.9312  val_loss 0.2410  … 1.23 s`.
public final class ProgressLogger: Callback {
    private let write: (String) -> Void
    private var totalEpochs = 0

    /// - Parameter write: where lines go (default: standard output).
    public init(write: @escaping (String) -> Void = { print($0) }) { self.write = write }

    public func trainingWillBegin(_ trainer: Trainer) { totalEpochs = trainer.plannedEpochs }

    public func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) {
        let keys = logs.values.keys.filter { $0 != "seconds" && $0 != "learning_rate" }.sorted { a, b in
            (a.hasPrefix("val_") ? 1 : 0, a) < (b.hasPrefix("val_") ? 1 : 0, b)
        }
        let fields = keys.map { "\($0) \(String(format: "%.4f", logs.values[$0]!))" }
        let seconds = String(format: "%.2f s", logs["seconds"] ?? 0)
        write((["epoch \(logs.epoch)/\(totalEpochs)"] + fields + [seconds]).joined(separator: "  "))
    }
}

/// Sets the optimizer's learning rate at the start of every epoch from a schedule
/// (Keras's `LearningRateScheduler`): η_epoch = schedule(epoch, η_previous), epochs from 1.
///
/// ```swift
/// LearningRateScheduler { epoch, _ in 0.1 * pow(0.5, Float((epoch - 1) / 10)) }   // halve every 10 epochs
/// ```
public final class LearningRateScheduler: Callback {
    private let schedule: (_ epoch: Int, _ current: Float) -> Float

    /// A callback that sets the learning rate before each epoch to `schedule(epoch, current)`.
    public init(_ schedule: @escaping (_ epoch: Int, _ current: Float) -> Float) { self.schedule = schedule }

    public func epochWillBegin(_ epoch: Int, trainer: Trainer) {
        let rate = schedule(epoch, trainer.optimizer.learningRate)
        require(rate >= 0 && rate.isFinite, "LearningRateScheduler: invalid learning rate \(rate) for epoch \(epoch)")
        trainer.optimizer.learningRate = rate
    }
}

/// Stops training when a monitored value has not improved for `patience` epochs (Keras's
/// `EarlyStopping`), optionally restoring the parameters of the best epoch.
///
/// An epoch improves when its value beats the best so far by more than `minDelta` (lower for
/// losses and errors, higher for accuracies).
public final class EarlyStopping: Callback {
    /// The key watched (default `val_loss`).
    public let monitor: String
    /// Epochs without improvement tolerated before stopping.
    public let patience: Int
    /// The smallest change of the monitored value that counts as an improvement.
    public let minDelta: Float
    /// Whether to put back the parameters of the best epoch when stopping.
    public let restoreBestParameters: Bool
    /// The epoch with the best value so far.
    public private(set) var bestEpoch = 0
    /// The epoch at which training was stopped (0 if it was not).
    public private(set) var stoppedEpoch = 0
    private var best: Float?
    private var bestParameters: [Tensor] = []
    private var higherIsBetter = false

    /// - Parameters:
    ///   - monitor: a log key (`val_loss`, `val_accuracy`, `loss`, …).
    ///   - patience: epochs without improvement tolerated (default 5).
    ///   - minDelta: the smallest change that counts as an improvement (default 0).
    ///   - restoreBestParameters: put back the best epoch's parameters when stopping or at the end
    ///     (default `true`).
    public init(monitor: String = "val_loss", patience: Int = 5, minDelta: Float = 0, restoreBestParameters: Bool = true) {
        require(patience >= 0, "EarlyStopping: invalid patience \(patience)")
        require(minDelta >= 0, "EarlyStopping: invalid minimum change \(minDelta)")
        self.monitor = monitor
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBestParameters = restoreBestParameters
    }

    public func trainingWillBegin(_ trainer: Trainer) {
        best = nil
        bestEpoch = 0
        stoppedEpoch = 0
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        higherIsBetter = trainer.metrics.first { $0.name == name }?.higherIsBetter ?? false
    }

    public func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) throws {
        guard let value = logs[monitor] else {
            throw TrainingError.unknownMonitor(monitor, available: logs.values.keys.sorted())
        }
        let improved = best.map { higherIsBetter ? value > $0 + minDelta : value < $0 - minDelta } ?? true
        if improved {
            best = value
            bestEpoch = logs.epoch
            if restoreBestParameters { bestParameters = trainer.model.parameters().map(\.value) }
        } else if logs.epoch - bestEpoch >= patience {
            stoppedEpoch = logs.epoch
            trainer.stopTraining = true
        }
    }

    public func trainingDidEnd(_ trainer: Trainer) {
        guard restoreBestParameters, !bestParameters.isEmpty else { return }
        for (parameter, value) in zip(trainer.model.parameters(), bestParameters) { parameter.value = value }
    }
}
