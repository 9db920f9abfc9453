import AprendizAutodiff

/// Global average pooling (§21.3.3; the book's `GlobalAveragePooling2D`): the mean of each channel
/// over the whole image, replacing `Flatten` + a large dense layer in networks such as GoogLeNet.
///
/// ```
/// y[n, c] = (1/(H·W)) Σ_{i, j} x[n, i, j, c]        ∂L/∂x[n, i, j, c] = G[n, c] / (H·W)
/// ```
/// `keepDims` (default `true`, as the book's listing `np.mean(axis=(1, 2), keepdims=True)`) gives
/// `[batch, 1, 1, channels]`; `false` gives `[batch, channels]` (Keras's default). No parameters.
public final class GlobalAveragePooling2D: Module {
    /// Whether the two spatial axes are kept with size 1.
    public let keepDims: Bool

    /// A layer returning `[batch, 1, 1, channels]` (`keepDims`, the book's) or `[batch, channels]`.
    public init(keepDims: Bool = true) {
        self.keepDims = keepDims
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        globalAveragePool2D(input, keepDims: keepDims, operation: "GlobalAveragePooling2D")
    }
}
