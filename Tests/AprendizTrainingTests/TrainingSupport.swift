import Aprendiz

/// Cross-entropy from logits and class indices (the losses module).
let softmaxCrossEntropy = Loss.crossEntropy

/// inputs → hidden (ReLU) → classes, He-initialised, from a fixed seed.
func multilayerPerceptron(_ sizes: [Int], seed: UInt64) -> Sequential {
    var generator = RandomGenerator(seed: seed)
    var layers: [Module] = []
    for (i, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
        layers.append(Dense(inputs, outputs, weightInitializer: .heUniform, using: &generator))
        if i < sizes.count - 2 { layers.append(ReLU()) }
    }
    return Sequential(layers)
}
