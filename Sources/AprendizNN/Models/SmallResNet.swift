import AprendizTensor

extension Sequential {
    /// A small residual network for 28×28×1 images (§22), the CIFAR ResNet of He et al. (2016, §4.2)
    /// with one basic block per stage.
    ///
    /// ```
    /// [n, 28, 28, 1] → Conv 3×3 w (padding 1) → BatchNorm → ReLU
    ///   → basic block w → w          [n, 28, 28, w]
    ///   → basic block w → 2w, stride 2 (projection)   [n, 14, 14, 2w]
    ///   → basic block 2w → 4w, stride 2 (projection)  [n, 7, 7, 4w]
    ///   → global average pooling [n, 4w] → Dense classes (logits)
    /// ```
    /// `width` w defaults to 16 (about 78 000 parameters for 10 classes).
    public static func smallResNet(classes: Int = 10, width: Int = 16, using generator: inout RandomGenerator) -> Sequential {
        Sequential(
            Conv2D(1, width, kernelSize: 3, padding: .uniform(1), useBias: false, weightInitializer: .heNormal, using: &generator),
            BatchNorm(width), ReLU(),
            Residual.basicBlock(inputs: width, outputs: width, using: &generator),
            Residual.basicBlock(inputs: width, outputs: 2 * width, stride: 2, using: &generator),
            Residual.basicBlock(inputs: 2 * width, outputs: 4 * width, stride: 2, using: &generator),
            GlobalAveragePooling2D(keepDims: false),
            Dense(4 * width, classes, using: &generator))
    }
}
