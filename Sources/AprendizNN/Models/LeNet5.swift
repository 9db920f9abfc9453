import AprendizTensor

extension Sequential {
    /// LeNet-5 (§21.9.1; LeCun, Bottou, Bengio & Haffner 1998) adapted to 28×28×1 NHWC inputs.
    ///
    /// ```
    /// [n, 28, 28, 1] → Conv2D 6@5×5 same → ReLU → MaxPooling2D 2 → [n, 14, 14, 6]
    ///               → Conv2D 16@5×5 valid → ReLU → MaxPooling2D 2 → [n, 5, 5, 16]
    ///               → Flatten [n, 400] → Dense 120 → ReLU → Dense 84 → ReLU → Dense classes (logits)
    /// ```
    /// The original reads 32×32 images with a valid first convolution, uses scaled tanh units and
    /// trainable sub-sampling, and an RBF output layer; padding the first convolution ("same") keeps
    /// the same feature-map sizes (28 → 14 → 10 → 5) for MNIST-sized images, and ReLU with max pooling
    /// is the modern form every framework's tutorial uses. 61 706 parameters for 10 classes. Train
    /// with `crossEntropy(logits:labels:)`. Weights: Keras defaults (Glorot uniform, zero biases).
    public static func leNet5(classes: Int = 10, using generator: inout RandomGenerator) -> Sequential {
        Sequential(
            Conv2D(1, 6, kernelSize: 5, padding: .same, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Conv2D(6, 16, kernelSize: 5, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Flatten(),
            Dense(400, 120, using: &generator), ReLU(),
            Dense(120, 84, using: &generator), ReLU(),
            Dense(84, classes, using: &generator))
    }
}
