import AprendizAutodiff
import AprendizTensor

/// The randomized leaky ReLU (§8.5.3, eqs. 8.9–8.11; Xu et al. 2015).
///
/// ```
/// training:   RReLU(z) = z for z > 0,   a·z for z ≤ 0,   a ~ U(lower, upper) drawn per element
///             RReLU′(z) = 1 for z > 0,  a for z ≤ 0      (the same a as the forward pass)
/// inference:  RReLU(z) = z for z > 0,   z·(lower + upper)/2 for z ≤ 0   (the mean slope)
/// ```
/// - Parameters:
///   - x: the pre-activation input.
///   - lower: the lower end of the slope interval, 0 ≤ lower ≤ upper (default 1/8, PyTorch's).
///   - upper: the upper end of the slope interval (default 1/3, PyTorch's).
///   - training: draw random slopes (`true`) or use the mean slope (`false`).
///   - generator: the source of the slopes (only used in training).
///
/// Book vs. PyTorch: eq. 8.10 writes the inference rule as z / ((l + u)/2) because Xu et al. define
/// the slope as 1/a with a ~ U(3, 8); with slopes in [l, u] ⊂ [0, 1) (the book's own eq. 8.9) the
/// mean slope multiplies, as here and in PyTorch. The randomness regularises, like dropout.
public func rrelu(_ x: Variable, lower: Float = 1.0 / 8, upper: Float = 1.0 / 3, training: Bool,
                  using generator: inout RandomGenerator) -> Variable {
    require(lower >= 0 && lower <= upper && upper.isFinite,
                 "rrelu: need 0 ≤ lower ≤ upper, got lower \(lower), upper \(upper)")
    guard training else { return leakyReLU(x, alpha: (lower + upper) / 2) }
    let slopes = Tensor.randomUniform(x.shape, in: lower...upper, using: &generator)
    let positive = x.value.greater(Tensor(0))
    let derivative = positive + (1 - positive) * slopes
    return Variable.recording(x.value * derivative, inputs: [x], operation: "rrelu") { g, _ in [g * derivative] }
}

/// The randomized leaky ReLU as a layer (§8.5.3); random slopes in training mode, the mean slope in
/// inference mode (see ``Module/train(_:)``). See ``rrelu(_:lower:upper:training:using:)``.
public final class RReLU: Module {
    /// The slope interval [lower, upper].
    public let lower: Float, upper: Float
    /// The generator of the slopes; seeded at construction, or the global one when `seed` is nil.
    private var generator: RandomGenerator?

    /// - Parameters:
    ///   - lower: the lower end of the slope interval (default 1/8).
    ///   - upper: the upper end of the slope interval (default 1/3).
    ///   - seed: seeds this layer's own generator; nil draws from the global generator (`RandomGenerator.withGlobal(_:)`).
    public init(lower: Float = 1.0 / 8, upper: Float = 1.0 / 3, seed: UInt64? = nil) {
        require(lower >= 0 && lower <= upper && upper.isFinite,
                     "RReLU: need 0 ≤ lower ≤ upper, got lower \(lower), upper \(upper)")
        self.lower = lower
        self.upper = upper
        generator = seed.map(RandomGenerator.init(seed:))
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        if generator != nil {
            return rrelu(input, lower: lower, upper: upper, training: isTraining, using: &generator!)
        }
        return RandomGenerator.withGlobal { rrelu(input, lower: lower, upper: upper, training: isTraining, using: &$0) }
    }
}
