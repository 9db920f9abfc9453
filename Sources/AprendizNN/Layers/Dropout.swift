import AprendizAutodiff
import AprendizTensor

/// Inverted dropout (§24.5; Srivastava et al. 2014): in training, each element is zeroed with
/// probability p and the survivors are scaled by 1/(1 − p), so the expected output equals the input
/// and inference needs no rescaling.
///
/// ```
/// training:   y = x ⊙ m / (1 − p),   mᵢ ~ Bernoulli(1 − p)     ∂y/∂x = m / (1 − p)
/// inference:  y = x
/// ```
/// Behaves like PyTorch's `nn.Dropout` (p = 0.5 by default). Call ``Module/eval()`` before
/// evaluating: the trainer does it for validation and prediction.
public final class Dropout: Module {
    /// p, the probability that an element is zeroed.
    public let probability: Float
    private var generator: RandomGenerator?

    /// - Parameters:
    ///   - probability: p ∈ [0, 1) (default 0.5).
    ///   - seed: a seed for this layer's own mask generator; `nil` draws from the default generator.
    public init(probability: Float = 0.5, seed: UInt64? = nil) {
        require(probability >= 0 && probability < 1, "Dropout: probability \(probability) is not in [0, 1)")
        self.probability = probability
        generator = seed.map(RandomGenerator.init(seed:))
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        guard isTraining, probability > 0 else { return input }
        let uniform: Tensor
        if generator != nil {
            uniform = Tensor.randomUniform(input.shape, using: &generator!)
        } else {
            uniform = Tensor.randomUniform(input.shape)
        }
        // u ≥ p keeps an element with probability 1 − p.
        let mask = uniform.greaterOrEqual(Tensor(probability)) * (1 / (1 - probability))
        return input * mask
    }
}

extension Dropout: ArchitectureDescribable {
    public static var typeName: String { "Dropout" }

    public var architecture: Architecture? {
        Architecture(type: Dropout.typeName, options: ["probability": .float(Double(probability))])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let p = try architecture.float("probability")
        guard p >= 0 && p < 1 else { throw ArchitectureError.badOption(type: Dropout.typeName, name: "probability") }
        self.init(probability: p)
    }
}
