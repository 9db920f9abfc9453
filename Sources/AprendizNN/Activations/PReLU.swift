import AprendizAutodiff
import AprendizTensor

/// The parametric ReLU: a leaky ReLU whose slope is learned (§8.5.2, eqs. 8.7–8.8; He et al. 2015).
///
/// ```
/// PReLU(z)      = z for z > 0,   αc·z for z ≤ 0      (c = the channel of z, axis 1)
/// ∂PReLU/∂z     = 1 for z > 0,   αc for z ≤ 0        (αc at 0, like PyTorch; the book leaves it undefined)
/// ∂PReLU/∂αc    = Σ over the elements of channel c of min(z, 0)
/// ```
/// `alpha` holds one slope (shared by every element) or one per channel; with one per channel the
/// input must have rank ≥ 2 and `shape[1] == alpha.count` (PyTorch's layout: batch, channel, …).
/// Adapts the leak to the data at almost no cost; with little data the extra parameters can overfit.
public func prelu(_ x: Variable, alpha: Variable) -> Variable {
    let slopeShape = preluSlopeShape(input: x.shape, channels: alpha.value.count)
    let slope = alpha.value.reshaped(slopeShape)
    let positive = x.value.greater(Tensor(0))
    let output = Tensor.where(positive, x.value, x.value * slope)
    return Variable.recording(output, inputs: [x, alpha], operation: "prelu") { g, _ in
        let alphaBroadcast = alpha.reshaped(slopeShape)
        let gradInput = Variable.where(positive, g, g * alphaBroadcast)
        let negativePart = x.value * (1 - positive)
        let gradAlpha = (g * negativePart).summed(toShape: slopeShape).reshaped(alpha.shape)
        return [gradInput, gradAlpha]
    }
}

/// The shape α is broadcast to: [1, C, 1, …] for C channels, or all ones for a shared slope.
private func preluSlopeShape(input: [Int], channels: Int) -> [Int] {
    var shape = [Int](repeating: 1, count: Swift.max(input.count, 1))
    guard channels != 1 else { return shape }
    require(input.count >= 2 && input[1] == channels,
                 "prelu: \(channels) slopes need an input with \(channels) channels on axis 1, got shape \(input)")
    shape[1] = channels
    return shape
}

/// The parametric ReLU as a layer with a learnable slope (§8.5.2); see ``prelu(_:alpha:)``.
public final class PReLU: Module {
    /// The learned negative slopes: one (shared) or one per channel.
    public let alpha: Variable

    /// The default starting slope, 0.25 (He et al. and PyTorch).
    public static let defaultAlpha: Float = 0.25

    /// - Parameters:
    ///   - channels: 1 for a slope shared by every element (default), C for one per channel (axis 1).
    ///   - initialAlpha: starting slope (default ``defaultAlpha``, 0.25).
    public init(channels: Int = 1, initialAlpha: Float = defaultAlpha) {
        require(channels >= 1, "PReLU: channels must be at least 1, got \(channels)")
        require(initialAlpha.isFinite, "PReLU: initialAlpha must be finite, got \(initialAlpha)")
        alpha = Variable(Tensor.full([channels], value: initialAlpha), requiresGradient: true, name: "alpha")
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { prelu(input, alpha: alpha) }
}
