import AprendizAutodiff
import AprendizTensor

/// Softmax along one axis (§9.3.1, eqs. 9.8–9.9).
///
/// ```
/// softmax(z)ᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m),   m = maxⱼ zⱼ   (subtracting m changes nothing but overflow)
/// ∂softmaxᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ)                 (eq. 9.9)
/// VJP: ∂L/∂z = s ⊙ (g − Σⱼ gⱼsⱼ)               (reuses the output s; no K×K Jacobian)
/// ```
/// - Parameter x: the logits.
/// - Parameter axis: the axis that sums to 1 (default −1, the last).
/// The output layer of a multi-class classifier: a probability distribution over K classes. For
/// training, pair the logits with the fused softmax-cross-entropy loss instead (more stable).
public func softmax(_ x: Variable, axis: Int = -1) -> Variable {
    let axis = normalizedAxis(axis, rank: x.shape.count, operation: "softmax")
    let shifted = x.value - x.value.max(axes: [axis], keepDims: true)
    let exponentials = shifted.exp()
    let output = exponentials / exponentials.sum(axes: [axis], keepDims: true)
    return Variable.recording(output, inputs: [x], operation: "softmax") { g, s in
        [s * (g - (g * s).sum(axes: [axis], keepDims: true))]
    }
}

/// The logarithm of ``softmax(_:axis:)``, computed without forming the softmax.
///
/// ```
/// logSoftmax(z)ᵢ = (zᵢ − m) − log Σⱼ e^(zⱼ − m),   m = maxⱼ zⱼ
/// VJP: ∂L/∂z = g − softmax(z) ⊙ Σⱼ gⱼ            (softmax = e^output, reusing the output)
/// ```
/// - Parameter x: the logits.
/// - Parameter axis: the normalised axis (default −1).
/// Use it before a negative-log-likelihood loss; never underflows to −∞ for finite inputs.
public func logSoftmax(_ x: Variable, axis: Int = -1) -> Variable {
    let axis = normalizedAxis(axis, rank: x.shape.count, operation: "logSoftmax")
    let shifted = x.value - x.value.max(axes: [axis], keepDims: true)
    let output = shifted - shifted.exp().sum(axes: [axis], keepDims: true).log()
    return Variable.recording(output, inputs: [x], operation: "logSoftmax") { g, y in
        [g - y.exp() * g.sum(axes: [axis], keepDims: true)]
    }
}

/// `axis` in 0..<rank (negative counts from the end); stops with a message naming the operation.
private func normalizedAxis(_ axis: Int, rank: Int, operation: String) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    require(rank > 0 && resolved >= 0 && resolved < rank,
                 "\(operation): axis \(axis) is out of range for a tensor of rank \(rank)")
    return resolved
}

/// Softmax as a layer (§9.3.1); see ``softmax(_:axis:)``.
public final class Softmax: Module {
    /// The axis that sums to 1.
    public let axis: Int
    /// - Parameter axis: the axis that sums to 1 (default −1).
    public init(axis: Int = -1) { self.axis = axis; super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { softmax(input, axis: axis) }
}

/// Log-softmax as a layer; see ``logSoftmax(_:axis:)``.
public final class LogSoftmax: Module {
    /// The normalised axis.
    public let axis: Int
    /// - Parameter axis: the normalised axis (default −1).
    public init(axis: Int = -1) { self.axis = axis; super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { logSoftmax(input, axis: axis) }
}
