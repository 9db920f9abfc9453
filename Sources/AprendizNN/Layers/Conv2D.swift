import AprendizAutodiff
import AprendizTensor

/// A 2-D convolutional layer over NHWC images (§21.2; the book's `Convolution2D`).
///
/// ```
/// y[n, i, j, o] = b[o] + Σ_{u, v, c} x[n, i·s_y − p_top + u·d_y, j·s_x − p_left + v·d_x, c] · w[u, v, c, o]
/// ∂L/∂w = columnsᵀ·G    ∂L/∂b = Σ_{n,i,j} G    ∂L/∂x = col2im(G·wᵀ)
/// ```
/// Input `[batch, height, width, inputChannels]`, output `[batch, out_h, out_w, outputChannels]`
/// (sizes in ``ConvolutionPadding``). The weight is `[kh, kw, inputChannels/groups, outputChannels]`
/// (Keras's layout; the book's listing stores `[filters, channels, kh, kw]`, PyTorch
/// `[out, in/groups, kh, kw]` — permute by `[2, 3, 1, 0]` to import a PyTorch weight). The forward and
/// backward passes are ``conv2d(_:filter:bias:stride:padding:dilation:groups:operation:)``: im2col
/// and one matrix product per group, not the book's nested loops; the gradient is not itself
/// differentiable.
///
/// `groups` splits the channels into independent convolutions; `groups = inputChannels` is depthwise
/// convolution (§21.9.6, Xception). Defaults follow Keras's `Conv2D`: stride 1, `valid` padding,
/// dilation 1, weight ``Initializer/glorotUniform`` with fanIn = kh·kw·inputChannels/groups and
/// fanOut = kh·kw·outputChannels, bias zeros. (PyTorch instead draws U(−1/√fanIn, 1/√fanIn)-scaled
/// Kaiming values; the book uses N(0, 0.01²).) For deep ReLU networks ``Initializer/heNormal`` keeps
/// activations from shrinking.
public final class Conv2D: Module {
    /// w, shape `[kh, kw, inputChannels/groups, outputChannels]`.
    public let weight: Variable
    /// b, shape `[outputChannels]`, or `nil`.
    public let bias: Variable?
    /// The input channels it expects.
    public let inputChannels: Int
    /// The number of filters (output channels).
    public let outputChannels: Int
    /// (s_y, s_x).
    public let stride: (Int, Int)
    /// How the border is padded.
    public let padding: ConvolutionPadding
    /// (d_y, d_x).
    public let dilation: (Int, Int)
    /// Channel groups (1: ordinary convolution).
    public let groups: Int

    /// The window (kh, kw).
    public var kernelSize: (Int, Int) { (weight.shape[0], weight.shape[1]) }

    /// A layer with `outputChannels` filters of size `kernelSize` over `inputChannels` channels.
    /// - Precondition: sizes, strides and dilations positive; both channel counts divisible by `groups`.
    public init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: ConvolutionPadding = .valid, dilation: (Int, Int) = (1, 1), groups: Int = 1, useBias: Bool = true,
                weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                using generator: inout RandomGenerator) {
        require(inputChannels > 0 && outputChannels > 0,
                     "Conv2D: invalid channels \(inputChannels) → \(outputChannels)")
        require(kernelSize.0 > 0 && kernelSize.1 > 0, "Conv2D: invalid kernel size \(kernelSize)")
        require(stride.0 > 0 && stride.1 > 0, "Conv2D: invalid stride \(stride)")
        require(dilation.0 > 0 && dilation.1 > 0, "Conv2D: invalid dilation \(dilation)")
        require(groups > 0 && inputChannels % groups == 0 && outputChannels % groups == 0,
                     "Conv2D: groups = \(groups) must divide both \(inputChannels) input and \(outputChannels) output channels")
        let shape = [kernelSize.0, kernelSize.1, inputChannels / groups, outputChannels]
        weight = Variable(weightInitializer.make(shape, using: &generator), requiresGradient: true)
        bias = useBias ? Variable(biasInitializer.make([outputChannels], using: &generator), requiresGradient: true) : nil
        (self.inputChannels, self.outputChannels) = (inputChannels, outputChannels)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
    }

    /// A layer with a square `kernelSize` × `kernelSize` window and equal strides and dilations.
    public convenience init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvolutionPadding = .valid, dilation: Int = 1, groups: Int = 1, useBias: Bool = true,
                            weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            using generator: inout RandomGenerator) {
        self.init(inputChannels, outputChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: padding, dilation: (dilation, dilation), groups: groups, useBias: useBias,
                  weightInitializer: weightInitializer, biasInitializer: biasInitializer, using: &generator)
    }

    /// A layer drawing its weights from the default generator (`RandomGenerator.seedGlobal(_:)`).
    public convenience init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                            padding: ConvolutionPadding = .valid, dilation: (Int, Int) = (1, 1), groups: Int = 1,
                            useBias: Bool = true, weightInitializer: Initializer = .glorotUniform,
                            biasInitializer: Initializer = .zeros) {
        var generator = RandomGenerator.withGlobal { RandomGenerator(seed: $0.next()) }
        self.init(inputChannels, outputChannels, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                  groups: groups, useBias: useBias, weightInitializer: weightInitializer, biasInitializer: biasInitializer,
                  using: &generator)
    }

    /// A square-window layer drawing its weights from the default generator.
    public convenience init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: ConvolutionPadding = .valid, dilation: Int = 1, groups: Int = 1, useBias: Bool = true,
                            weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        self.init(inputChannels, outputChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: padding, dilation: (dilation, dilation), groups: groups, useBias: useBias,
                  weightInitializer: weightInitializer, biasInitializer: biasInitializer)
    }

    /// The convolution of an NHWC batch.
    public override func callAsFunction(_ input: Variable) -> Variable {
        require(input.shape.count == 4 && input.shape[3] == inputChannels,
                     "Conv2D: expected an input of shape [batch, height, width, \(inputChannels)] (NHWC), got \(input.shape)")
        return conv2d(input, filter: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups,
                      operation: "Conv2D")
    }
}
