import AprendizAutodiff
import AprendizTensor

/// A fully connected layer: every output is a weighted sum of every input plus a bias (eq. 6.2, §6.2).
///
/// ```
/// y = x·W + b          x: [batch, inputs]   W: [inputs, outputs]   b: [outputs]   y: [batch, outputs]
/// ∂L/∂x = G·Wᵀ    ∂L/∂W = xᵀ·G    ∂L/∂b = Σ_batch G
/// ```
/// The book writes one neuron as xⱼ = Σᵢ yᵢ·wⱼᵢ + bⱼ; `weight[i, j]` is wⱼᵢ, the connection from
/// input i to output j. This `[inputs, outputs]` layout is the book's and Keras's (`x·W`), so the
/// forward pass is one matrix product with no transpose (``linear(_:weight:bias:operation:)``, which
/// accumulates the product onto the bias). PyTorch's `nn.Linear` stores the transpose,
/// `[outputs, inputs]`, and computes x·Wᵀ: to import its weight, transpose it
/// (`Tensor.transposed()`).
///
/// Inputs of rank > 2 (`[batch, …, inputs]`) are treated as rows of the last axis.
///
/// Defaults (Keras's `Dense`): weight ``Initializer/glorotUniform``, bias ``Initializer/zeros``.
/// For ReLU networks ``Initializer/heUniform`` or ``Initializer/heNormal`` keep activations from
/// shrinking with depth.
public final class Dense: Module {
    /// W, shape `[inputs, outputs]`.
    public let weight: Variable
    /// b, shape `[outputs]`, or `nil` when the layer has no bias.
    public let bias: Variable?

    /// The number of input features.
    public var inputCount: Int { weight.shape[0] }
    /// The number of outputs (neurons).
    public var outputCount: Int { weight.shape[1] }

    /// A layer mapping `inputs` features to `outputs`, drawing from `generator`.
    public init(_ inputs: Int, _ outputs: Int, useBias: Bool = true,
                weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                using generator: inout RandomGenerator) {
        require(inputs > 0 && outputs > 0, "Dense: invalid size \(inputs) → \(outputs)")
        weight = Variable(weightInitializer.make([inputs, outputs], using: &generator), requiresGradient: true)
        bias = useBias ? Variable(biasInitializer.make([outputs], using: &generator), requiresGradient: true) : nil
        super.init()
    }

    /// A layer mapping `inputs` features to `outputs`, drawing from the default generator
    /// (reproducible after `RandomGenerator.seedGlobal(_:)`).
    public convenience init(_ inputs: Int, _ outputs: Int, useBias: Bool = true,
                            weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        var generator = RandomGenerator.withGlobal { RandomGenerator(seed: $0.next()) }
        self.init(inputs, outputs, useBias: useBias, weightInitializer: weightInitializer,
                  biasInitializer: biasInitializer, using: &generator)
    }

    /// y = x·W + b.
    public override func callAsFunction(_ input: Variable) -> Variable {
        require(input.shape.last == inputCount,
                     "Dense: input of shape \(input.shape) does not end in \(inputCount) features")
        if input.shape.count > 2 {
            let rows = self(input.reshaped([-1, inputCount]))
            return rows.reshaped(Array(input.shape.dropLast()) + [outputCount])
        }
        return linear(input, weight: weight, bias: bias, operation: "Dense")
    }
}

extension Dense: ArchitectureDescribable {
    public static var typeName: String { "Dense" }

    public var architecture: Architecture? {
        Architecture(type: Dense.typeName, options: [
            "inputs": .int(inputCount), "outputs": .int(outputCount), "useBias": .bool(bias != nil),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let inputs = try architecture.int("inputs"), outputs = try architecture.int("outputs")
        guard inputs > 0 else { throw ArchitectureError.badOption(type: Dense.typeName, name: "inputs") }
        guard outputs > 0 else { throw ArchitectureError.badOption(type: Dense.typeName, name: "outputs") }
        self.init(inputs, outputs, useBias: try architecture.bool("useBias", default: true))
    }
}
