import AprendizTensor

extension Sequential {
    /// The "2 Conv + pooling" network of the Fashion-MNIST benchmark table (Xiao, Rasul & Vollgraf
    /// 2017, README: 0.916 test accuracy), for 28×28×1 NHWC inputs.
    ///
    /// ```
    /// [n, 28, 28, 1] → Conv2D 32@5×5 same → ReLU → MaxPooling2D 2 → [n, 14, 14, 32]
    ///               → Conv2D 64@5×5 same → ReLU → MaxPooling2D 2 → [n, 7, 7, 64]
    ///               → Flatten [n, 3136] → Dense 1024 → ReLU → Dropout 0.4 → Dense classes (logits)
    /// ```
    /// This is TensorFlow's "Build a CNN with Estimators" MNIST tutorial network, the one the table's
    /// entry ran. 3 274 634 parameters for 10 classes, 98 % of them in the first dense layer.
    /// Weights: Keras defaults (Glorot uniform, zero biases); `dropoutSeed` makes the masks
    /// reproducible.
    public static func fashionConvNet(classes: Int = 10, dropoutSeed: UInt64? = nil,
                                      using generator: inout RandomGenerator) -> Sequential {
        Sequential(
            Conv2D(1, 32, kernelSize: 5, padding: .same, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Conv2D(32, 64, kernelSize: 5, padding: .same, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Flatten(),
            Dense(7 * 7 * 64, 1024, using: &generator), ReLU(),
            Dropout(probability: 0.4, seed: dropoutSeed),
            Dense(1024, classes, using: &generator))
    }
}
