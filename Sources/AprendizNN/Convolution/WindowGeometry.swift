import AprendizTensor

/// The sizes behind a 2-D sliding window over an NHWC batch — a convolution's filter or a pooling
/// window — with padding resolved and the output size computed (§21.2–21.3).
///
/// ```
/// k_eff = d·(k − 1) + 1
/// out   = ⌊(in + pad_before + pad_after − k_eff) / s⌋ + 1
/// output position o reads input rows  o·s − pad_before + i·d,  i = 0 … k − 1
/// ```
/// Built by the convolution and pooling functions, which validate their arguments here so that a
/// shape error names the operation, what it expected and what it received.
struct WindowGeometry: Sendable, Equatable {
    let batch: Int, height: Int, width: Int, channels: Int
    let windowHeight: Int, windowWidth: Int
    let strideY: Int, strideX: Int
    let dilationY: Int, dilationX: Int
    let padTop: Int, padBottom: Int, padLeft: Int, padRight: Int
    let outputHeight: Int, outputWidth: Int

    /// Validates the NHWC `inputShape` and the window arguments for `operation`.
    init(operation: String, inputShape: [Int], window: (Int, Int), stride: (Int, Int), dilation: (Int, Int) = (1, 1),
         padding: ConvolutionPadding) {
        require(inputShape.count == 4,
                     "\(operation): expected an NHWC input [batch, height, width, channels], got shape \(inputShape)")
        require(window.0 > 0 && window.1 > 0, "\(operation): window size must be positive, got \(window)")
        require(stride.0 > 0 && stride.1 > 0, "\(operation): stride must be positive, got \(stride)")
        require(dilation.0 > 0 && dilation.1 > 0, "\(operation): dilation must be positive, got \(dilation)")
        if case .explicit(let top, let bottom, let left, let right) = padding {
            require(min(top, bottom, left, right) >= 0,
                         "\(operation): padding must not be negative, got \(padding)")
        }
        (batch, height, width, channels) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        (windowHeight, windowWidth) = window
        (strideY, strideX) = stride
        (dilationY, dilationX) = dilation
        let effectiveHeight = dilationY * (windowHeight - 1) + 1, effectiveWidth = dilationX * (windowWidth - 1) + 1
        (padTop, padBottom) = padding.amounts(size: height, window: effectiveHeight, stride: strideY, vertical: true)
        (padLeft, padRight) = padding.amounts(size: width, window: effectiveWidth, stride: strideX, vertical: false)
        let paddedHeight = height + padTop + padBottom, paddedWidth = width + padLeft + padRight
        require(paddedHeight >= effectiveHeight && paddedWidth >= effectiveWidth,
                     "\(operation): window \(effectiveHeight)×\(effectiveWidth) (dilated) is larger than the padded input "
                        + "\(paddedHeight)×\(paddedWidth) of shape \(inputShape)")
        outputHeight = (paddedHeight - effectiveHeight) / strideY + 1
        outputWidth = (paddedWidth - effectiveWidth) / strideX + 1
    }

    /// Output positions per image.
    var outputPositions: Int { outputHeight * outputWidth }
    /// Output positions in the batch (rows of the im2col matrix).
    var rows: Int { batch * outputPositions }
    /// Elements of one input image.
    var imageSize: Int { height * width * channels }
    /// Window taps (kh·kw).
    var taps: Int { windowHeight * windowWidth }
    /// The NHWC output shape with `channels` output channels.
    func outputShape(channels outputChannels: Int) -> [Int] { [batch, outputHeight, outputWidth, outputChannels] }

    /// The input row read by output row `outputRow` at window row `tap` (may be outside the image).
    @inline(__always) func inputRow(_ outputRow: Int, _ tap: Int) -> Int { outputRow * strideY - padTop + tap * dilationY }
    /// The input column read by output column `outputColumn` at window column `tap`.
    @inline(__always) func inputColumn(_ outputColumn: Int, _ tap: Int) -> Int {
        outputColumn * strideX - padLeft + tap * dilationX
    }
}

extension WindowGeometry {
    /// The NHWC input shape.
    var inputShape: [Int] { [batch, height, width, channels] }
}
