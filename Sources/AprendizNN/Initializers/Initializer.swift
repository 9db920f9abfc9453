import AprendizTensor

/// How a layer fills a parameter tensor before training (§24.1).
///
/// For a weight of shape `[fanIn, fanOut]` (a ``Dense`` weight; for higher ranks the receptive field
/// multiplies both fans, as in PyTorch's `_calculate_fan_in_and_fan_out` adapted to the
/// `[…, in, out]` layout):
///
/// ```
/// glorotUniform   U(−a, a),  a = √(6 / (fanIn + fanOut))      Glorot & Bengio 2010 (Keras Dense default)
/// glorotNormal    N(0, σ²),  σ = √(2 / (fanIn + fanOut))
/// heUniform       U(−a, a),  a = √(6 / fanIn)                 He et al. 2015 (for ReLU)
/// heNormal        N(0, σ²),  σ = √(2 / fanIn)
/// lecunNormal     N(0, σ²),  σ = √(1 / fanIn)                 LeCun et al. 1998 (for SELU, §8.6.2)
/// zeros, ones, constant(c)                                    (biases: zeros)
/// ```
/// The normal forms are PyTorch's (`xavier_normal_`, `kaiming_normal_` with `fan_in`), untruncated;
/// Keras truncates at 2σ and rescales. Glorot keeps the variance of activations and of gradients
/// roughly constant across layers for tanh/sigmoid; He doubles it to compensate for ReLU zeroing
/// half of its inputs.
public enum Initializer: Sendable, Equatable {
    case glorotUniform, glorotNormal, heUniform, heNormal, lecunNormal
    case zeros, ones
    case constant(Float)

    /// A tensor of `shape` drawn from this distribution.
    public func make(_ shape: [Int], using generator: inout RandomGenerator) -> Tensor {
        let (fanIn, fanOut) = Initializer.fans(of: shape)
        switch self {
        case .glorotUniform: return uniform(shape, limit: (6 / Float(fanIn + fanOut)).squareRoot(), &generator)
        case .glorotNormal: return normal(shape, deviation: (2 / Float(fanIn + fanOut)).squareRoot(), &generator)
        case .heUniform: return uniform(shape, limit: (6 / Float(fanIn)).squareRoot(), &generator)
        case .heNormal: return normal(shape, deviation: (2 / Float(fanIn)).squareRoot(), &generator)
        case .lecunNormal: return normal(shape, deviation: (1 / Float(fanIn)).squareRoot(), &generator)
        case .zeros: return Tensor.zeros(shape)
        case .ones: return Tensor.ones(shape)
        case .constant(let value): return Tensor.full(shape, value: value)
        }
    }

    /// A tensor of `shape` drawn from the default generator (`RandomGenerator.seedGlobal(_:)`).
    public func make(_ shape: [Int]) -> Tensor {
        RandomGenerator.withGlobal { make(shape, using: &$0) }
    }

    /// (fanIn, fanOut) of a parameter shape in Aprendiz's `[…, in, out]` layout: a vector has
    /// fanIn = fanOut = its length; a matrix `[in, out]`; a kernel `[k₁, …, in, out]` multiplies both by
    /// the receptive field k₁·….
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        default:
            let receptiveField = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptiveField, shape[shape.count - 1] * receptiveField)
        }
    }

    private func uniform(_ shape: [Int], limit: Float, _ generator: inout RandomGenerator) -> Tensor {
        Tensor.randomUniform(shape, in: -limit...limit, using: &generator)
    }

    private func normal(_ shape: [Int], deviation: Float, _ generator: inout RandomGenerator) -> Tensor {
        Tensor.randomNormal(shape, standardDeviation: deviation, using: &generator)
    }
}
