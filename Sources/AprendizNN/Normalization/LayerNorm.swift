import AprendizAutodiff
import AprendizTensor

/// Layer normalisation (§24.3.1; Ba, Kiros & Hinton 2016): each sample is standardised over its last
/// axes, then scaled and shifted by learned γ and β.
///
/// ```
/// μ, σ² = mean and biased variance of x over the last k axes (k = normalizedShape.count)
/// y = (x − μ) / √(σ² + ε) · γ + β          γ, β: normalizedShape
/// ```
/// The statistics are per sample, so training and inference compute the same thing and the batch
/// size does not matter (unlike ``BatchNorm``). Behaves like PyTorch's `nn.LayerNorm`
/// (ε = 1e-5, γ = 1 and β = 0 at the start; `elementwiseAffine: false` leaves them out).
/// Over one axis (the usual case) it runs as one fused operation (`fusedLayerNorm(_:weight:bias:epsilon:)`).
public final class LayerNorm: Module {
    /// The trailing shape the statistics are taken over.
    public let normalizedShape: [Int]
    /// ε, added to the variance.
    public let epsilon: Float
    /// γ, shape `normalizedShape`, or `nil` without the affine part.
    public let weight: Variable?
    /// β, shape `normalizedShape`, or `nil` without the affine part.
    public let bias: Variable?

    /// - Parameters:
    ///   - normalizedShape: the trailing axes of the input to normalise over (e.g. `[features]`).
    ///   - epsilon: ε (default 1e-5).
    ///   - elementwiseAffine: whether to learn γ and β (default `true`).
    public init(_ normalizedShape: [Int], epsilon: Float = 1e-5, elementwiseAffine: Bool = true) {
        require(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
                "LayerNorm: invalid normalized shape \(normalizedShape)")
        require(epsilon >= 0, "LayerNorm: epsilon \(epsilon) is negative")
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon
        weight = elementwiseAffine ? Variable(Tensor.ones(normalizedShape), requiresGradient: true) : nil
        bias = elementwiseAffine ? Variable(Tensor.zeros(normalizedShape), requiresGradient: true) : nil
        super.init()
    }

    /// Normalises over the last axis, of size `features` (same as `LayerNorm([features])`).
    public convenience init(features: Int, epsilon: Float = 1e-5, elementwiseAffine: Bool = true) {
        self.init([features], epsilon: epsilon, elementwiseAffine: elementwiseAffine)
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        let k = normalizedShape.count
        require(input.shape.count >= k && Array(input.shape.suffix(k)) == normalizedShape,
                "LayerNorm: input of shape \(input.shape) does not end in the normalized shape \(normalizedShape)")
        let rank = input.shape.count
        if k == 1 { return fusedLayerNorm(input, weight: weight, bias: bias, epsilon: epsilon) }
        let normalized = standardized(input, axes: Array((rank - k)..<rank), epsilon: epsilon).output
        return affine(normalized, weight: weight, bias: bias)
    }
}

/// x̂ ⊙ γ + β with γ and β broadcast over the leading axes (either may be absent).
func affine(_ normalized: Variable, weight: Variable?, bias: Variable?) -> Variable {
    var output = normalized
    if let weight { output = output * weight }
    if let bias { output = output + bias }
    return output
}
