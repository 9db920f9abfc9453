import AprendizAutodiff
import AprendizTensor

/// Every element-wise activation of chapters 7–9 by its command-line name, with its family, a layer
/// factory and an evaluator of (f, f′) — what `aprendiz plot activation`, `train --activation` and
/// `compare activations --family` use. Softmax and log-softmax are not element-wise and are not listed.
///
/// The family's one source of truth (a `Catalogue`): the command line, the model-file registry
/// (``layerType``), Docs/Activations.md and the tests all read `allCases`. Adding an activation is its
/// file plus one case here; the compiler then asks for its family, layer type, layer and summary.
public enum Activation: String, Catalogue {
    case sigmoid, tanh, softsign
    case hardSigmoid = "hard-sigmoid", hardTanh = "hard-tanh"
    case relu, leakyReLU = "leaky-relu", prelu, rrelu, elu, selu, noisyReLU = "noisy-relu"
    case gelu, geluTanh = "gelu-tanh", geluSigmoid = "gelu-sigmoid", swish
    case wilsonCowan = "wilson-cowan", heaviside

    /// `activation`, in messages (`CatalogueError`).
    public static let familyName = "activation"

    /// The book's grouping: chapter 7 (sigmoidal), chapter 8 (rectifier), chapter 9 (modern).
    public enum Family: String, Catalogue {
        case sigmoidal, rectifier, modern

        /// `activation family`, in messages (`CatalogueError`).
        public static let familyName = "activation family"

        /// The family's activations, in catalogue order.
        public var members: [Activation] { Activation.allCases.filter { $0.family == self } }
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

    /// The default α of activations that have one (``LeakyReLU/defaultAlpha`` 0.01,
    /// ``PReLU/defaultAlpha`` 0.25, ``ELU/defaultAlpha`` 1, SELU's 1.6733), nil for the others;
    /// `--alpha` overrides it.
    public var defaultAlpha: Float? {
        switch self {
        case .leakyReLU: LeakyReLU.defaultAlpha
        case .prelu: PReLU.defaultAlpha
        case .elu: ELU.defaultAlpha
        case .selu: SELU.alpha
        default: nil
        }
    }

    /// The layer type ``makeLayer(alpha:seed:)`` builds with default hyper-parameters, which the
    /// model-file registry (``ArchitectureRegistry/standard``) registers: an activation without one
    /// does not compile.
    public var layerType: any ArchitectureDescribable.Type {
        switch self {
        case .sigmoid: Sigmoid.self
        case .tanh: Tanh.self
        case .softsign: Softsign.self
        case .hardSigmoid: HardSigmoid.self
        case .hardTanh: HardTanh.self
        case .relu: ReLU.self
        case .leakyReLU: LeakyReLU.self
        case .prelu: PReLU.self
        case .rrelu: RReLU.self
        case .elu: ELU.self
        case .selu: SELU.self
        case .noisyReLU: NoisyReLU.self
        case .gelu, .geluTanh, .geluSigmoid: GELU.self
        case .swish: Swish.self
        case .wilsonCowan: WilsonCowan.self
        case .heaviside: Heaviside.self
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
