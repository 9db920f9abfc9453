import AprendizAutodiff
import AprendizTensor

/// A residual connection (§22; He, Zhang, Ren & Sun 2016): the input skips over a branch of layers and is
/// added back to its output, so the branch only has to learn the difference from the identity.
///
/// ```
/// y = act(F(x) + S(x))          S = identity, or a projection (1×1 convolution + batch norm) when
///                               F changes the shape;  act = ReLU by default, or none
/// ∂L/∂x = ∂L/∂F · F′(x) + ∂L/∂S · S′(x)     (the identity passes the gradient on unchanged)
/// ```
/// The model graph is not a plain sequence; it is described in model files by its parts (`layers`:
/// the branch, then the shortcut and the activation when present), so `ModelFile` rebuilds it like
/// a ``Sequential``. ``basicBlock(inputs:outputs:stride:using:)`` and
/// ``bottleneckBlock(inputs:middle:outputs:stride:using:)`` build the two blocks of the paper.
public final class Residual: Module {
    /// F, the residual branch.
    public let main: Module
    /// S, the projection shortcut, or `nil` for the identity.
    public let shortcut: Module?
    /// The activation applied after the sum, or `nil`.
    public let activation: Module?

    /// - Parameters:
    ///   - main: F, whose output must have the shape of S(x).
    ///   - shortcut: S, or `nil` for the identity (default).
    ///   - activation: applied after the sum (default ``ReLU``; `nil` for none).
    public init(_ main: Module, shortcut: Module? = nil, activation: Module? = ReLU()) {
        self.main = main
        self.shortcut = shortcut
        self.activation = activation
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        let branch = main(input)
        let skip = shortcut.map { $0(input) } ?? input
        require(branch.shape == skip.shape,
                "Residual: the branch gives shape \(branch.shape) but the shortcut gives \(skip.shape) "
                    + "(a shape-changing branch needs a projection shortcut)")
        let sum = branch + skip
        return activation.map { $0(sum) } ?? sum
    }
}

extension Residual {
    /// The basic block of ResNet-18/34: two 3×3 convolutions with batch normalisation.
    ///
    /// ```
    /// F = Conv 3×3 (stride s, padding 1) → BatchNorm → ReLU → Conv 3×3 (padding 1) → BatchNorm
    /// S = identity, or Conv 1×1 (stride s) → BatchNorm when s ≠ 1 or inputs ≠ outputs;   y = ReLU(F(x) + S(x))
    /// ```
    /// Convolutions have no bias (batch normalisation's β replaces it) and He-normal weights.
    public static func basicBlock(inputs: Int, outputs: Int, stride: Int = 1, using generator: inout RandomGenerator) -> Residual {
        let main = Sequential(
            Conv2D(inputs, outputs, kernelSize: 3, stride: stride, padding: .uniform(1), useBias: false,
                   weightInitializer: .heNormal, using: &generator),
            BatchNorm(outputs), ReLU(),
            Conv2D(outputs, outputs, kernelSize: 3, padding: .uniform(1), useBias: false, weightInitializer: .heNormal,
                   using: &generator),
            BatchNorm(outputs))
        return Residual(main, shortcut: projection(inputs, outputs, stride: stride, using: &generator))
    }

    /// The bottleneck block of ResNet-50/101/152: 1×1 reduce, 3×3, 1×1 expand.
    ///
    /// ```
    /// F = Conv 1×1 → BatchNorm → ReLU → Conv 3×3 (stride s, padding 1) → BatchNorm → ReLU → Conv 1×1 → BatchNorm
    /// S = identity, or Conv 1×1 (stride s) → BatchNorm when s ≠ 1 or inputs ≠ outputs;   y = ReLU(F(x) + S(x))
    /// ```
    /// The stride sits on the 3×3 convolution, as in torchvision ("ResNet v1.5"). `outputs` is
    /// usually 4 × `middle`.
    public static func bottleneckBlock(inputs: Int, middle: Int, outputs: Int, stride: Int = 1,
                                       using generator: inout RandomGenerator) -> Residual {
        let main = Sequential(
            Conv2D(inputs, middle, kernelSize: 1, useBias: false, weightInitializer: .heNormal, using: &generator),
            BatchNorm(middle), ReLU(),
            Conv2D(middle, middle, kernelSize: 3, stride: stride, padding: .uniform(1), useBias: false,
                   weightInitializer: .heNormal, using: &generator),
            BatchNorm(middle), ReLU(),
            Conv2D(middle, outputs, kernelSize: 1, useBias: false, weightInitializer: .heNormal, using: &generator),
            BatchNorm(outputs))
        return Residual(main, shortcut: projection(inputs, outputs, stride: stride, using: &generator))
    }

    /// Conv 1×1 (stride s, no bias) → BatchNorm when the block changes the shape, else `nil` (identity).
    private static func projection(_ inputs: Int, _ outputs: Int, stride: Int, using generator: inout RandomGenerator) -> Module? {
        guard stride != 1 || inputs != outputs else { return nil }
        return Sequential(Conv2D(inputs, outputs, kernelSize: 1, stride: stride, useBias: false, weightInitializer: .heNormal,
                                 using: &generator),
                          BatchNorm(outputs))
    }
}
