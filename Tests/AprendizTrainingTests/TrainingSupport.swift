import Aprendiz

/// Cross-entropy from logits, written inline until the losses module lands:
/// L = mean over the batch of (logSumExp(z) − z_y).
let softmaxCrossEntropy = Loss(name: "cross-entropy") { logits, labels in
    let picked = logits.gathering(axis: 1, indices: labels.reshaped([-1, 1]))
    return (logits.logSumExp(axes: [1], keepDims: true) - picked).mean()
}

/// ReLU as a layer (max(0, x)), until the activations module lands.
final class TestReLU: Module {
    override func callAsFunction(_ x: Variable) -> Variable { x.maximum(Variable(Tensor(0))) }
}

/// inputs → hidden (ReLU) → classes, He-initialised, from a fixed seed.
func multilayerPerceptron(_ sizes: [Int], seed: UInt64) -> Sequential {
    var generator = RandomGenerator(seed: seed)
    var layers: [Module] = []
    for (i, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
        layers.append(Dense(inputs, outputs, weightInitializer: .heUniform, using: &generator))
        if i < sizes.count - 2 { layers.append(TestReLU()) }
    }
    return Sequential(layers)
}
