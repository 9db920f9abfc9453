import AprendizAutodiff
import AprendizTensor

/// An update rule that moves parameters against their gradients (chapter 6).
///
/// The manual training loop is: forward, loss, `loss.backward()`, `optimizer.step()`,
/// `optimizer.zeroGrad()`. Every optimizer of chapter 6 conforms; the trainer takes any of them.
/// Gradient clipping is the trainer's job (it runs between `backward()` and `step()`).
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates.
    var parameters: [Variable] { get }
    /// The base step size η (a schedule, if any, scales it per step).
    var learningRate: Float { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
    /// The optimizer's state as named tensors, for a model file: `state.step` (updates applied)
    /// and `state.<parameter index>.<buffer>` (e.g. `state.3.exp_avg`, `state.3.step`).
    func stateTensors() -> [String: Tensor]
    /// Restores state written by ``stateTensors()`` so training resumes exactly.
    /// - Throws: ``OptimizerStateError`` when a key is missing or a shape does not match.
    func loadState(_ tensors: [String: Tensor]) throws
}

extension Optimizer {
    /// Clears every parameter's gradient.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}

/// An optimizer whose step size follows a ``LearningRateSchedule`` (every ``ParameterOptimizer``): lets
/// code that holds `any Optimizer` set the schedule (`train --schedule`).
public protocol ScheduledOptimizer: Optimizer {
    /// How η changes with the step.
    var schedule: LearningRateSchedule { get set }
}
