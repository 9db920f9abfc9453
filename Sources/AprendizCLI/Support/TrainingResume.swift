import Aprendiz
import Foundation

/// `train --resume FILE`: continuing a run from the model file it wrote (`--save`, or the checkpoint
/// written when Ctrl-C stops it), on any number of processes.
///
/// The file holds the parameters, the optimizer state (Adam's moments and step count) and, in its
/// metadata, `epochs_completed`, `batch_size` and `seed`. The new run loads them, checks that
/// `--batch-size` and `--seed` are the same (they define the global batches), and calls
/// `Trainer.fit(…, initialEpoch: epochs_completed)`, whose loader skips the orders of the epochs done:
/// ```
/// run A (p₁ ranks):  epochs 1 … e        → FILE
/// run B (p₂ ranks):  FILE, epochs e+1 … E  ≡  epochs 1 … E in one run (within float32 summation order)
/// ```
/// A run stopped in the middle of an epoch records only its completed epochs, but its parameters
/// include the partial epoch's steps: it resumes, without the exact continuation.
enum TrainingResume {
    /// The metadata entries that let a run continue from its model file.
    static func entry(_ outcome: TrainingOutcome, settings: TrainingSettings) -> [String: String] {
        let completed = (outcome.history.last?.epoch ?? 0) - (outcome.interrupted ? 1 : 0)
        return ["epochs_completed": "\(max(completed, 0))", "batch_size": "\(settings.batchSize)", "seed": "\(settings.seed)"]
    }

    /// Loads `path`'s parameters and optimizer state into `model` and `optimizer`; returns the epochs it completed.
    static func load(_ path: String, into model: Module, optimizer: any Optimizer, settings: TrainingSettings) throws -> Int {
        let metadata: [String: String]
        do { metadata = try ModelFile.loadParameters(into: model, from: URL(fileURLWithPath: path), optimizer: optimizer) } catch {
            throw CLIError("--resume \(path): \(error)")
        }
        guard let completed = metadata["epochs_completed"].flatMap(Int.init), let batchSize = metadata["batch_size"].flatMap(Int.init) else {
            throw CLIError("--resume \(path): the file does not say how many epochs its run completed (write it with train --save)")
        }
        guard batchSize == settings.batchSize else {
            throw CLIError("--resume \(path): the run used --batch-size \(batchSize), this one \(settings.batchSize); give the same global batch")
        }
        if let seed = metadata["seed"], seed != "\(settings.seed)" {
            throw CLIError("--resume \(path): the run used --seed \(seed), this one \(settings.seed); give the same seed")
        }
        guard completed < settings.epochs else {
            throw CLIError("--resume \(path): the run already completed \(completed) epochs; ask for more with --epochs (now \(settings.epochs))")
        }
        return completed
    }
}
