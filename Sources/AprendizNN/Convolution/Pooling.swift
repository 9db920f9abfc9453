import AprendizAutodiff
import AprendizTensor

/// Max pooling over NHWC windows (§21.3.1; the layer is ``MaxPooling2D``).
///
/// ```
/// y[n, i, j, c] = max_{u < k_h, v < k_w} x[n, i·s_y − p_top + u, j·s_x − p_left + v, c]
/// ∂L/∂x[n, a, b, c] = Σ over the windows whose maximum is x[n, a, b, c] of G[n, i, j, c]
/// ```
/// The backward pass routes each output's gradient to the position of its maximum (saved in the
/// forward pass as `argmax`, the book's `cache` mask), the first one on ties as PyTorch does.
/// Padded positions never win (PyTorch pads with −∞); a window must keep at least one real input.
/// - Parameters:
///   - input: `[batch, height, width, channels]`.
///   - size: the window (k_h, k_w).
///   - stride: defaults to `size` (non-overlapping windows, the book's default).
///   - padding: default `.valid`.
///   - operation: the name shape errors use.
public func maxPool2D(_ input: Variable, size: (Int, Int), stride: (Int, Int)? = nil, padding: ConvolutionPadding = .valid,
                      operation: String = "maxPool2D") -> Variable {
    let geometry = poolingGeometry(operation, input.shape, size, stride, padding)
    let outputShape = geometry.outputShape(channels: geometry.channels)
    var output = Tensor.zeros(outputShape)
    var argmax = [Int32](repeating: -1, count: output.count)
    input.value.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer { y in
            argmax.withUnsafeMutableBufferPointer { PoolingKernels.maximum(x.baseAddress!, geometry, into: y.baseAddress!, argmax: $0.baseAddress!) }
        }
    }
    return Variable.recording(output, inputs: [input], operation: operation) { upstream, _ in
        var gradient = Tensor.zeros(input.shape)
        upstream.value.withUnsafeBufferPointer { g in
            argmax.withUnsafeBufferPointer { index in
                gradient.withUnsafeMutableBufferPointer {
                    PoolingKernels.maximumBackward(g.baseAddress!, argmax: index.baseAddress!, geometry, into: $0.baseAddress!)
                }
            }
        }
        return [Variable(gradient)]
    }
}

/// Average pooling over NHWC windows (§21.3.2; the layer is ``AveragePooling2D``).
///
/// ```
/// y[n, i, j, c] = (1/D) Σ_{u < k_h, v < k_w} x[n, i·s_y − p_top + u, j·s_x − p_left + v, c]
/// ∂L/∂x[n, a, b, c] = Σ over the windows containing (a, b) of G[n, i, j, c] / D
/// ```
/// D = k_h·k_w when `countIncludesPadding` (PyTorch's default `count_include_pad=True`; padding
/// reads 0), else the number of window positions inside the image (Keras's `same`).
/// - Parameters:
///   - input: `[batch, height, width, channels]`.
///   - size: the window (k_h, k_w).
///   - stride: defaults to `size`.
///   - padding: default `.valid`.
///   - countIncludesPadding: divide by the full window size k_h·k_w (default `true`) or by the number
///     of positions inside the image.
///   - operation: the name shape errors use.
public func averagePool2D(_ input: Variable, size: (Int, Int), stride: (Int, Int)? = nil,
                          padding: ConvolutionPadding = .valid, countIncludesPadding: Bool = true,
                          operation: String = "averagePool2D") -> Variable {
    let geometry = poolingGeometry(operation, input.shape, size, stride, padding)
    var output = Tensor.zeros(geometry.outputShape(channels: geometry.channels))
    input.value.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer {
            PoolingKernels.average(x.baseAddress!, geometry, countIncludesPadding: countIncludesPadding, into: $0.baseAddress!)
        }
    }
    return Variable.recording(output, inputs: [input], operation: operation) { upstream, _ in
        var gradient = Tensor.zeros(input.shape)
        upstream.value.withUnsafeBufferPointer { g in
            gradient.withUnsafeMutableBufferPointer {
                PoolingKernels.averageBackward(g.baseAddress!, geometry, countIncludesPadding: countIncludesPadding,
                                               into: $0.baseAddress!)
            }
        }
        return [Variable(gradient)]
    }
}

/// Global average pooling (§21.3.3; the layer is ``GlobalAveragePooling2D``): the mean of each channel
/// over all positions.
///
/// ```
/// y[n, c] = (1/(H·W)) Σ_{i, j} x[n, i, j, c]        ∂L/∂x[n, i, j, c] = G[n, c] / (H·W)
/// ```
/// - Parameters:
///   - input: `[batch, height, width, channels]`.
///   - keepDims: `true` returns `[batch, 1, 1, channels]` (the book's listing,
///     `np.mean(axis=(1, 2), keepdims=True)`); `false` returns `[batch, channels]` (Keras's default).
///   - operation: the name shape errors use.
public func globalAveragePool2D(_ input: Variable, keepDims: Bool = true,
                                operation: String = "globalAveragePool2D") -> Variable {
    require(input.shape.count == 4,
                 "\(operation): expected an NHWC input [batch, height, width, channels], got shape \(input.shape)")
    return input.mean(axes: [1, 2], keepDims: keepDims)
}

/// The window geometry of a pooling operation, checking that no window lies wholly in the padding.
private func poolingGeometry(_ operation: String, _ shape: [Int], _ size: (Int, Int), _ stride: (Int, Int)?,
                             _ padding: ConvolutionPadding) -> WindowGeometry {
    let geometry = WindowGeometry(operation: operation, inputShape: shape, window: size, stride: stride ?? size, padding: padding)
    require(max(geometry.padTop, geometry.padBottom) < size.0 && max(geometry.padLeft, geometry.padRight) < size.1,
                 "\(operation): padding \(padding) must be smaller than the window \(size) on every side")
    return geometry
}
