import AprendizAutodiff
import AprendizTensor

/// Average pooling over NHWC windows (§21.3.2; the book's `AveragePooling2D`): each output is the
/// mean of its window, and the gradient is shared equally by the window.
///
/// ```
/// y[n, i, j, c] = (1/D) Σ_{u < k_h, v < k_w} x[n, i·s_y − p_top + u, j·s_x − p_left + v, c]
/// ∂L/∂x = G / D spread over each window (summed where windows overlap)
/// ```
/// D = k_h·k_w when `countIncludesPadding` (PyTorch's default), else the positions inside the image
/// (Keras's `same`). Defaults as the book's listing: a 2×2 window, stride = the window, `valid`
/// padding. No parameters. Forward and backward are
/// ``averagePool2D(_:size:stride:padding:countIncludesPadding:operation:)``.
public final class AveragePooling2D: Module {
    /// The window (k_h, k_w).
    public let size: (Int, Int)
    /// (s_y, s_x).
    public let stride: (Int, Int)
    /// How the border is padded.
    public let padding: ConvolutionPadding
    /// Whether padded positions count in the divisor.
    public let countIncludesPadding: Bool

    /// A pooling layer; `stride` defaults to `size`.
    public init(size: (Int, Int) = (2, 2), stride: (Int, Int)? = nil, padding: ConvolutionPadding = .valid,
                countIncludesPadding: Bool = true) {
        require(size.0 > 0 && size.1 > 0, "AveragePooling2D: invalid pool size \(size)")
        if let stride { require(stride.0 > 0 && stride.1 > 0, "AveragePooling2D: invalid stride \(stride)") }
        self.size = size
        self.stride = stride ?? size
        self.padding = padding
        self.countIncludesPadding = countIncludesPadding
        super.init()
    }

    /// A square `size` × `size` window with equal strides (default: the window).
    public convenience init(size: Int, stride: Int? = nil, padding: ConvolutionPadding = .valid,
                            countIncludesPadding: Bool = true) {
        self.init(size: (size, size), stride: stride.map { ($0, $0) }, padding: padding, countIncludesPadding: countIncludesPadding)
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        averagePool2D(input, size: size, stride: stride, padding: padding, countIncludesPadding: countIncludesPadding,
                      operation: "AveragePooling2D")
    }
}
