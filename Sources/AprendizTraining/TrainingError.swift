import Foundation

/// Why training stopped early with an error.
public enum TrainingError: Error, CustomStringConvertible {
    /// The loss became NaN or infinite. The parameters were put back to the end of the last good
    /// epoch; `checkpoint` is the last model file a ``ModelCheckpoint`` wrote, if any.
    case nonFiniteLoss(epoch: Int, batch: Int, value: Float, checkpoint: URL?)
    /// A callback monitors a key that the epoch logs do not have.
    case unknownMonitor(String, available: [String])

    public var description: String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let value, let checkpoint):
            let restored = epoch > 1 ? "restored to the end of epoch \(epoch - 1)" : "restored to their initial values"
            let file = checkpoint.map { "; the last good checkpoint is \($0.path)" } ?? ""
            return "training stopped: the loss became \(value) at epoch \(epoch), batch \(batch) "
                + "(learning rate too high, or bad input values?); parameters \(restored)\(file)"
        case .unknownMonitor(let key, let available):
            return "training: no logged value '\(key)' to monitor (available: \(available.joined(separator: ", ")))"
        }
    }
}
