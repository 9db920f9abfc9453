import AprendizAutodiff
import AprendizTensor

/// A weight penalty added to the training loss (§24.2, L1 and L2 regularisation).
///
/// ```
/// l1(λ)             Ω = λ Σ |wᵢ|          ∂Ω/∂wᵢ = λ·sign(wᵢ)       (Lasso; drives weights to exactly 0)
/// l2(λ)             Ω = λ Σ wᵢ²           ∂Ω/∂wᵢ = 2λ·wᵢ            (ridge / Keras `l2`; shrinks weights)
/// elasticNet(λ₁, λ₂) Ω = λ₁ Σ |wᵢ| + λ₂ Σ wᵢ²
/// ```
/// The sums run over the parameters the penalty ``appliesTo`` (by default those whose name ends in
/// `weight`: biases are usually not penalised). Keras's `l2(λ)` has the same form; PyTorch's
/// `weight_decay = d` in SGD corresponds to l2(d / 2).
public struct Penalty: Sendable {
    /// λ₁ (L1 strength).
    public let l1Strength: Float
    /// λ₂ (L2 strength).
    public let l2Strength: Float
    /// Which parameters, by dotted name (`layers.0.weight`), the penalty covers.
    public let appliesTo: @Sendable (String) -> Bool

    /// A penalty with both strengths (elastic net when both are positive).
    public init(l1 l1Strength: Float = 0, l2 l2Strength: Float = 0,
                appliesTo: @escaping @Sendable (String) -> Bool = Penalty.weightsOnly) {
        require(l1Strength >= 0 && l1Strength.isFinite, "Penalty: invalid L1 strength \(l1Strength)")
        require(l2Strength >= 0 && l2Strength.isFinite, "Penalty: invalid L2 strength \(l2Strength)")
        self.l1Strength = l1Strength
        self.l2Strength = l2Strength
        self.appliesTo = appliesTo
    }

    /// Ω = λ Σ |wᵢ|.
    public static func l1(_ strength: Float, appliesTo: @escaping @Sendable (String) -> Bool = weightsOnly) -> Penalty {
        Penalty(l1: strength, appliesTo: appliesTo)
    }

    /// Ω = λ Σ wᵢ².
    public static func l2(_ strength: Float, appliesTo: @escaping @Sendable (String) -> Bool = weightsOnly) -> Penalty {
        Penalty(l2: strength, appliesTo: appliesTo)
    }

    /// Ω = λ₁ Σ |wᵢ| + λ₂ Σ wᵢ².
    public static func elasticNet(l1: Float, l2: Float,
                                  appliesTo: @escaping @Sendable (String) -> Bool = weightsOnly) -> Penalty {
        Penalty(l1: l1, l2: l2, appliesTo: appliesTo)
    }

    /// The default selection: parameters whose name ends in `weight`.
    public static let weightsOnly: @Sendable (String) -> Bool = { $0 == "weight" || $0.hasSuffix(".weight") }

    /// Ω over the chosen parameters of `module` (a differentiable scalar; 0 when nothing is chosen).
    public func callAsFunction(_ module: Module) -> Variable {
        callAsFunction(module.namedParameters().filter { appliesTo($0.name) }.map(\.parameter))
    }

    /// Ω over `parameters`.
    public func callAsFunction(_ parameters: [Variable]) -> Variable {
        var total = Variable(Tensor(0))
        for w in parameters {
            if l1Strength > 0 { total = total + w.abs().sum() * l1Strength }
            if l2Strength > 0 { total = total + w.squared().sum() * l2Strength }
        }
        return total
    }
}
