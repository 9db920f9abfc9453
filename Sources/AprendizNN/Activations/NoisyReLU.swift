import AprendizAutodiff
import AprendizTensor

/// The noisy ReLU of restricted Boltzmann machines (§8.6.3, eqs. 8.19–8.20; Nair & Hinton 2010).
///
/// ```
/// training:   NReLU(z) = 0 for z ≤ 0,   z + N(0, σ(z)) for z > 0   (σ = logistic sigmoid, a variance)
/// inference:  NReLU(z) = max(0, z)
/// backward:   NReLU′(z) = 1 for z > 0,  0 for z ≤ 0                (eq. 8.20, the noise is ignored)
/// ```
/// - Parameters:
///   - x: the pre-activation input.
///   - training: add the noise (`true`) or not.
///   - generator: the source of the noise (only used in training).
///
/// The noise's variance σ(z) ∈ (½, 1) for z > 0, so its standard deviation is √σ(z). Eq. 8.19 adds
/// it to positive inputs only and does not clip the sum; Nair & Hinton write max(0, z + N(0, σ(z))),
/// which also lets negative inputs fire. Aprendiz follows eq. 8.19 (see Docs/Activations.md).
/// PyTorch has no noisy ReLU.
public func noisyReLU(_ x: Variable, training: Bool, using generator: inout RandomGenerator) -> Variable {
    guard training else { return relu(x) }
    let positive = x.value.greater(Tensor(0))
    let standardDeviation = x.value.mapped(SigmoidKernel()).sqrt()
    let noise = Tensor.randomNormal(x.shape, using: &generator) * standardDeviation
    let output = (x.value + noise) * positive
    return Variable.recording(output, inputs: [x], operation: "noisyReLU") { g, _ in [g * positive] }
}

/// The noisy ReLU as a layer (§8.6.3): noisy in training mode, a plain ReLU in inference mode.
/// See ``noisyReLU(_:training:using:)``.
public final class NoisyReLU: Module {
    /// The generator of the noise; seeded at construction, or the global one when `seed` is nil.
    private var generator: RandomGenerator?

    /// - Parameter seed: seeds this layer's own generator; nil draws from the global generator
    ///   (`RandomGenerator.withGlobal(_:)`).
    public init(seed: UInt64? = nil) {
        generator = seed.map(RandomGenerator.init(seed:))
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        if generator != nil { return noisyReLU(input, training: isTraining, using: &generator!) }
        return RandomGenerator.withGlobal { noisyReLU(input, training: isTraining, using: &$0) }
    }
}
