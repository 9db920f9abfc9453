import AprendizAutodiff
import AprendizTensor

/// Max pooling over NHWC windows (§21.3.1; the book's `MaxPooling2D`): each output is the largest
/// value in its window, and the gradient flows only to that value.
///
/// ```
/// y[n, i, j, c] = max_{u < k_h, v < k_w} x[n, i·s_y − p_top + u, j·s_x − p_left + v, c]
/// ∂L/∂x = G routed to each window's argmax (summed where windows overlap)
/// ```
/// Defaults as the book's listing and Keras: a 2×2 window, stride = the window, `valid` padding.
/// Padded positions never win (PyTorch pads with −∞). No parameters. Forward and backward are
/// ``maxPool2D(_:size:stride:padding:operation:)``.
public final class MaxPooling2D: Module {
    /// The window (k_h, k_w).
    public let size: (Int, Int)
    /// (s_y, s_x).
    public let stride: (Int, Int)
    /// How the border is padded.
    public let padding: ConvolutionPadding

    /// A pooling layer; `stride` defaults to `size`.
    public init(size: (Int, Int) = (2, 2), stride: (Int, Int)? = nil, padding: ConvolutionPadding = .valid) {
        require(size.0 > 0 && size.1 > 0, "MaxPooling2D: invalid pool size \(size)")
        if let stride { require(stride.0 > 0 && stride.1 > 0, "MaxPooling2D: invalid stride \(stride)") }
        self.size = size
        self.stride = stride ?? size
        self.padding = padding
        super.init()
    }

    /// A square `size` × `size` window with equal strides (default: the window).
    public convenience init(size: Int, stride: Int? = nil, padding: ConvolutionPadding = .valid) {
        self.init(size: (size, size), stride: stride.map { ($0, $0) }, padding: padding)
    }

    public override func callAsFunction(_ input: Variable) -> Variable {
        maxPool2D(input, size: size, stride: stride, padding: padding, operation: "MaxPooling2D")
    }
}
