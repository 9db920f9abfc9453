import AprendizTensor

extension Sequential {
    /// The "2 Conv + pooling + BN" network of the Fashion-MNIST benchmark table (Xiao, Rasul & Vollgraf
    /// 2017, README: 0.934 test accuracy): ``fashionConvNet(classes:dropoutSeed:using:)`` with batch
    /// normalisation (§24.3.2) after each convolution and after the first dense layer, before the ReLU
    /// (Ioffe & Szegedy 2015's placement), for 28×28×1 NHWC inputs.
    ///
    /// ```
    /// [n, 28, 28, 1] → Conv2D 32@5×5 same → BatchNorm → ReLU → MaxPooling2D 2 → [n, 14, 14, 32]
    ///               → Conv2D 64@5×5 same → BatchNorm → ReLU → MaxPooling2D 2 → [n, 7, 7, 64]
    ///               → Flatten [n, 3136] → Dense 1024 → BatchNorm → ReLU → Dropout 0.4 → Dense classes (logits)
    /// ```
    /// The table's entry does not publish its code; the layers before batch normalisation drop their
    /// biases (β takes their place). 3 275 754 trained parameters for 10 classes (plus 2 240 running
    /// statistics). Weights: Keras defaults (Glorot uniform); `dropoutSeed` makes the masks reproducible.
    public static func fashionConvNetBN(classes: Int = 10, dropoutSeed: UInt64? = nil,
                                        using generator: inout RandomGenerator) -> Sequential {
        Sequential(
            Conv2D(1, 32, kernelSize: 5, padding: .same, useBias: false, using: &generator), BatchNorm(32), ReLU(),
            MaxPooling2D(size: 2),
            Conv2D(32, 64, kernelSize: 5, padding: .same, useBias: false, using: &generator), BatchNorm(64), ReLU(),
            MaxPooling2D(size: 2),
            Flatten(),
            Dense(7 * 7 * 64, 1024, useBias: false, using: &generator), BatchNorm(1024), ReLU(),
            Dropout(probability: 0.4, seed: dropoutSeed),
            Dense(1024, classes, using: &generator))
    }
}
