import Aprendiz
import Foundation

/// Shows training progress: on a terminal, a bar redrawn in place during each epoch
/// (`epoch 2/10 [#########.......] 120/422  loss 0.4213  8 123 ex/s  ETA 3s`); otherwise one plain
/// line per epoch. It also stops the trainer after the current batch when Ctrl-C was pressed.
final class ProgressBar: Callback {
    private let console: Console
    private let label: String
    private var epoch = 0, totalEpochs = 0, examples = 0
    private var epochStart = Date(), lastDraw = Date.distantPast
    private var lossSum: Double = 0, batches = 0

    /// - Parameter console: where the progress lines are written.
    /// - Parameter label: a prefix for each line (the candidate's name in a comparison).
    init(console: Console, label: String = "") {
        self.console = console
        self.label = label.isEmpty ? "" : label + "  "
    }

    func trainingWillBegin(_ trainer: Trainer) { totalEpochs = trainer.plannedEpochs }

    func epochWillBegin(_ epoch: Int, trainer: Trainer) {
        self.epoch = epoch
        epochStart = Date()
        examples = 0
        lossSum = 0
        batches = 0
    }

    func batchDidEnd(_ batch: Int, examples count: Int, loss: Float, trainer: Trainer) {
        examples += count
        lossSum += Double(loss)
        batches = batch
        if Interruption.shared.isRequested { trainer.stopTraining = true }
        guard console.isTerminal, Date().timeIntervalSince(lastDraw) > 0.1 || batch == trainer.batchesPerEpoch else { return }
        lastDraw = Date()
        console.write("\r\u{1B}[K" + barLine(total: trainer.batchesPerEpoch))
    }

    func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) {
        if console.isTerminal { console.write("\r\u{1B}[K") }
        let seconds = logs["seconds"] ?? 0
        let keys = ["loss", "accuracy", "mse", "val_loss", "val_accuracy", "val_mse"].filter { logs[$0] != nil }
        let fields = keys.map { "\($0) \(String(format: "%.4f", logs[$0]!))" }
        console.line("\(label)epoch \(logs.epoch)/\(totalEpochs)  " + fields.joined(separator: "  ")
                     + "  " + ElapsedTime.text(Double(seconds)))
    }

    private func barLine(total: Int) -> String {
        let width = 24, filled = total == 0 ? 0 : width * batches / total
        let elapsed = Date().timeIntervalSince(epochStart)
        let rate = elapsed > 0 ? Double(examples) / elapsed : 0
        let left = batches > 0 ? elapsed / Double(batches) * Double(total - batches) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "\(label)epoch \(epoch)/\(totalEpochs) [\(bar)] \(batches)/\(total)  "
            + String(format: "loss %.4f  %.0f ex/s  ETA %.0fs", lossSum / Double(max(batches, 1)), rate, left)
    }
}
