import Aprendiz

/// `train --schedule NAME`: how the learning rate η changes over a run (a `Catalogue`), applied per
/// optimizer step through the optimizer's `LearningRateSchedule`.
///
/// | name | ηₜ over the run's T = epochs × batches-per-epoch steps |
/// |---|---|
/// | `constant` | η |
/// | `cosine` | ½η(1 + cos(πt/T)), from η down to 0 (Loshchilov & Hutter 2017 without restarts; PyTorch `CosineAnnealingLR` stepped per batch) |
enum TrainingSchedule: String, Catalogue {
    case constant
    case cosine

    static let familyName = "learning-rate schedule"

    /// The optimizer schedule for a run of `steps` updates.
    func schedule(steps: Int) -> LearningRateSchedule {
        switch self {
        case .constant: .constant
        case .cosine: .cosine(period: max(1, steps), minimum: 0)
        }
    }
}
