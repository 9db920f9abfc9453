import AprendizAutodiff
import AprendizTensor

/// Every element-wise activation of chapters 7–9 by its command-line name, with its family, a layer
/// factory and an evaluator of (f, f′) — what `aprendiz plot activation`, `train --activation` and
/// `compare activations --family` use. Softmax and log-softmax are not element-wise and are not listed.
public enum Activation: String, CaseIterable, Sendable {
    case sigmoid, tanh, softsign
    case hardSigmoid = "hard-sigmoid", hardTanh = "hard-tanh"
    case relu, leakyReLU = "leaky-relu", prelu, rrelu, elu, selu, noisyReLU = "noisy-relu"
    case gelu, geluTanh = "gelu-tanh", geluSigmoid = "gelu-sigmoid", swish
    case wilsonCowan = "wilson-cowan", heaviside

    /// The book's grouping: chapter 7 (sigmoidal), chapter 8 (rectifier), chapter 9 (modern).
    public enum Family: String, CaseIterable, Sendable {
        case sigmoidal, rectifier, modern
    }

    /// The chapter the activation belongs to. The Heaviside step and the Wilson–Cowan sigmoid,
    /// introduced in §7.3, are sigmoidal.
    public var family: Family {
        switch self {
        case .sigmoid, .tanh, .softsign, .hardSigmoid, .hardTanh, .wilsonCowan, .heaviside: .sigmoidal
        case .relu, .leakyReLU, .prelu, .rrelu, .elu, .selu, .noisyReLU: .rectifier
        case .gelu, .geluTanh, .geluSigmoid, .swish: .modern
        }
    }

    /// The command-line name (`leaky-relu`).
    public var name: String { rawValue }

    /// The default α of activations that have one (LeakyReLU 0.01, PReLU 0.25, ELU 1, SELU's
    /// 1.6733), nil for the others; `--alpha` overrides it.
    public var defaultAlpha: Float? {
        switch self {
        case .leakyReLU: 0.01
        case .prelu: 0.25
        case .elu: 1
        case .selu: SELU.alpha
        default: nil
        }
    }

    /// Whether gradient descent can train through it (false only for the Heaviside step, whose
    /// derivative is zero wherever it exists).
    public var isTrainable: Bool { self != .heaviside }

    /// A fresh layer computing this activation, in training mode.
    /// - Parameters:
    ///   - alpha: overrides ``defaultAlpha`` (ignored by activations without α).
    ///   - seed: seeds the generator of the stochastic ones (RReLU, NoisyReLU); nil uses the global one.
    public func makeLayer(alpha: Float? = nil, seed: UInt64? = nil) -> Module {
        let alpha = alpha ?? defaultAlpha
        switch self {
        case .sigmoid: return Sigmoid()
        case .tanh: return Tanh()
        case .softsign: return Softsign()
        case .hardSigmoid: return HardSigmoid()
        case .hardTanh: return HardTanh()
        case .relu: return ReLU()
        case .leakyReLU: return LeakyReLU(alpha: alpha!)
        case .prelu: return PReLU(initialAlpha: alpha!)
        case .rrelu: return RReLU(seed: seed)
        case .elu: return ELU(alpha: alpha!)
        case .selu: return alpha == SELU.alpha ? SELU() : ScaledELU(alpha: alpha!)
        case .noisyReLU: return NoisyReLU(seed: seed)
        case .gelu: return GELU()
        case .geluTanh: return GELU(approximation: .tanh)
        case .geluSigmoid: return GELU(approximation: .sigmoid)
        case .swish: return Swish()
        case .wilsonCowan: return WilsonCowan()
        case .heaviside: return Heaviside()
        }
    }

    /// f and f′ at every element of `x`, in inference mode (stochastic activations use their
    /// deterministic formula). f′ is the gradient the activation's own backward pass produces.
    public func evaluate(_ x: Tensor, alpha: Float? = nil) -> (value: Tensor, derivative: Tensor) {
        let layer = makeLayer(alpha: alpha, seed: 0)
        layer.eval()
        let input = Variable(x, requiresGradient: true)
        let output = withGradient { layer(input) }
        let derivative = Variable.gradients(of: output, withRespectTo: [input], seed: Tensor.ones(like: x))[0]
        return (output.value, derivative.value)
    }
}

/// SELU's λ with a different α (what `--alpha` gives for `selu`); λ·ELU_α.
final class ScaledELU: Module {
    let alpha: Float
    init(alpha: Float) { self.alpha = alpha; super.init() }
    override func callAsFunction(_ input: Variable) -> Variable {
        scaledELU(input, alpha: alpha, scale: SELU.lambda, operation: "selu")
    }
}
