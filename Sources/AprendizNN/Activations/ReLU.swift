import AprendizAutodiff
import AprendizTensor

/// The rectified linear unit (§8.2, eqs. 8.3–8.4; Nair & Hinton 2010, Glorot, Bordes & Bengio 2011).
///
/// ```
/// ReLU(z)  = max(0, z)
/// ReLU′(z) = 1 for z > 0,   0 for z ≤ 0   (the book's and PyTorch's choice at 0)
/// ```
/// Range [0, ∞). The default hidden activation: cheap, sparse, no vanishing gradient for z > 0;
/// units whose input stays negative stop learning ("dying ReLU", §8.3) and it is unbounded
/// (exploding gradients, §8.7).
public func relu(_ x: Variable) -> Variable {
    x.piecewiseConstant(LeakyKernel(slope: 0), derivative: StepKernel(positive: 1, nonPositive: 0), operation: "relu")
}

/// ReLU as a layer (§8.2); see ``relu(_:)``.
public final class ReLU: Module {
    public override init() { super.init() }
    public override func callAsFunction(_ input: Variable) -> Variable { relu(input) }
}

/// The leaky ReLU (§8.5.1, eqs. 8.5–8.6; Maas, Hannun & Ng 2013).
///
/// ```
/// LReLU(z)  = z for z ≥ 0,   α·z for z < 0
/// LReLU′(z) = 1 for z > 0,   α for z ≤ 0
/// ```
/// - Parameter x: the pre-activation input.
/// - Parameter alpha: the slope for negative inputs (default 0.01, PyTorch's; Maas et al. and the
///   book's figures use 0.1). Must be finite.
/// Keeps a small gradient for negative inputs, so units cannot die; α is fixed by hand.
public func leakyReLU(_ x: Variable, alpha: Float = LeakyReLU.defaultAlpha) -> Variable {
    require(alpha.isFinite, "leakyReLU: alpha must be finite, got \(alpha)")
    return x.piecewiseConstant(LeakyKernel(slope: alpha), derivative: StepKernel(positive: 1, nonPositive: alpha), operation: "leakyReLU")
}

/// The leaky ReLU as a layer (§8.5.1); see ``leakyReLU(_:alpha:)``.
public final class LeakyReLU: Module {
    /// The slope for negative inputs.
    public let alpha: Float

    /// The default negative slope, 0.01 (PyTorch's).
    public static let defaultAlpha: Float = 0.01

    /// - Parameter alpha: negative slope (default ``defaultAlpha``, 0.01).
    public init(alpha: Float = defaultAlpha) {
        require(alpha.isFinite, "LeakyReLU: alpha must be finite, got \(alpha)")
        self.alpha = alpha
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { leakyReLU(input, alpha: alpha) }
}
