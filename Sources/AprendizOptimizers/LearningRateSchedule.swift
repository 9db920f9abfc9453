import Foundation
import AprendizTensor

/// How the learning rate changes with the optimizer step t (0 for the first update).
///
/// ```
/// constant                  ηₜ = η
/// step(every: s, factor: γ) ηₜ = η·γ^⌊t/s⌋                          (PyTorch StepLR)
/// exponential(factor: γ)    ηₜ = η·γᵗ                               (PyTorch ExponentialLR)
/// cosine(period: T, minimum: η_min)
///                           ηₜ = η_min + ½(η − η_min)(1 + cos(π·min(t, T)/T))   (CosineAnnealingLR)
/// warmup(steps: W, then: s) ηₜ = η·(t + 1)/W for t < W, then s at step t − W
///                           (PyTorch LinearLR with start_factor 1/W, total_iters W − 1)
/// ```
/// PyTorch's schedulers advance when `scheduler.step()` is called (often once per epoch); these
/// advance with every optimizer step. The cosine schedule stays at η_min after T steps (PyTorch's
/// closed form would rise again). Warm-up (Goyal et al. 2017) keeps early adaptive steps small.
public indirect enum LearningRateSchedule: Sendable, Equatable {
    case constant
    case step(every: Int, factor: Float)
    case exponential(factor: Float)
    case cosine(period: Int, minimum: Float)
    case warmup(steps: Int, then: LearningRateSchedule)

    /// ηₜ for the base rate η at step t (t = updates already applied).
    public func learningRate(base: Float, step t: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .step(let every, let factor):
            require(every > 0, "LearningRateSchedule.step: invalid period \(every)")
            return base * Float(pow(Double(factor), Double(t / every)))
        case .exponential(let factor):
            return base * Float(pow(Double(factor), Double(t)))
        case .cosine(let period, let minimum):
            require(period > 0, "LearningRateSchedule.cosine: invalid period \(period)")
            let progress = Double(min(t, period)) / Double(period)
            return minimum + (base - minimum) * Float((1 + cos(Double.pi * progress)) / 2)
        case .warmup(let steps, let then):
            require(steps > 0, "LearningRateSchedule.warmup: invalid number of steps \(steps)")
            if t < steps { return base * Float(t + 1) / Float(steps) }
            return then.learningRate(base: base, step: t - steps)
        }
    }
}
