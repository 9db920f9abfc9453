import AprendizAutodiff
import AprendizTensor

/// An update rule that moves parameters against their gradients (chapter 6).
///
/// The manual training loop is: forward, loss, `loss.backward()`, `optimizer.step()`,
/// `optimizer.zeroGrad()`. Every optimizer of chapter 6 conforms; the trainer takes any of them.
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates.
    var parameters: [Variable] { get }
    /// The step size η used by the next ``step()``.
    var learningRate: Float { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Clears every parameter's gradient.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}
