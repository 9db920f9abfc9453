import Foundation
import AprendizOptimizers

/// Saves the model (and the optimizer state, when it can be saved) to a safetensors model file
/// after every epoch (Keras's `ModelCheckpoint`).
///
/// Writes are atomic (``ModelFile``), so an interrupted save leaves the previous checkpoint intact,
/// and the trainer's NaN guard never saves a bad epoch: a crash or a divergence always leaves the last
/// good checkpoint on disk. With `monitor`, only epochs that improve the monitored value are saved.
public final class ModelCheckpoint: Callback {
    /// The file written; `{epoch}` in its name is replaced by the epoch number.
    public let url: URL
    /// When set, save only when this logged value improves (e.g. `val_accuracy`).
    public let monitor: String?
    /// The last file written, if any.
    public private(set) var lastSaved: URL?
    private var best: Float?

    /// Saves the model (and optimizer state) to `url` after each epoch; with `monitor`, only when that logged value improves.
    public init(url: URL, monitor: String? = nil) {
        self.url = url
        self.monitor = monitor
    }

    public func trainingWillBegin(_ trainer: Trainer) { best = nil }

    /// Under ``DataParallel`` only rank 0 writes (every rank holds the same parameters).
    public func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) throws {
        guard (trainer.dataParallel?.world.rank ?? 0) == 0 else { return }
        if let monitor {
            guard let value = logs[monitor] else { throw TrainingError.unknownMonitor(monitor, available: logs.values.keys.sorted()) }
            let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
            let higherIsBetter = trainer.metrics.first { $0.name == name }?.higherIsBetter ?? false
            if let best, higherIsBetter ? value <= best : value >= best { return }
            best = value
        }
        let target = URL(fileURLWithPath: url.path.replacingOccurrences(of: "{epoch}", with: "\(logs.epoch)"))
        let metadata = logs.values.mapValues { "\($0)" }.mapKeys { "logs.\($0)" }.merging(["epoch": "\(logs.epoch)"]) { $1 }
        try ModelFile.save(trainer.model, to: target, optimizer: trainer.optimizer, metadata: metadata)
        lastSaved = target
    }
}
