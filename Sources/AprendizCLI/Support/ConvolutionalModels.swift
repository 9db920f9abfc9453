import Aprendiz

extension ModelFactory {
    /// Whether this build has Conv2D and pooling layers.
    static let hasConvolution = true

    /// LeNet-5 or the Fashion-MNIST network (28×28×1 images, `ModelCatalog`), or the small CNN of `convnet`:
    ///
    /// ```
    /// [n, s, s, 1] → Conv2D 16@3×3 same → ReLU → MaxPooling2D 2 → Conv2D 32@3×3 same → ReLU → MaxPooling2D 2
    ///              → Flatten [n, ⌊⌊s/2⌋/2⌋²·32] → Dense 64 → ReLU → Dense classes (logits)
    /// ```
    /// (8×8 digits: 2·2·32 = 128 features before the dense layers; 28×28 images: 7·7·32 = 1568.)
    static func makeConvolutional(_ kind: ModelKind, inputShape: [Int], classes: Int, width: Int? = nil,
                                  using generator: inout RandomGenerator) throws -> Sequential {
        guard inputShape.count == 3, inputShape[2] == 1 else {
            throw CLIError("--model \(kind.rawValue) reads one-channel images; the examples have shape \(inputShape)")
        }
        if case .ready(let model) = kind {
            guard inputShape == model.inputShape else {
                throw CLIError("--model \(kind.rawValue) needs images of shape \(model.inputShape) (fashion-mnist, mnist); the examples have shape \(inputShape); use --model convnet")
            }
            return model.make(classes: classes, width: width, using: &generator)
        }
        let side = inputShape[0] / 2 / 2
        return Sequential(
            Conv2D(1, 16, kernelSize: 3, padding: .same, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Conv2D(16, 32, kernelSize: 3, padding: .same, using: &generator), ReLU(), MaxPooling2D(size: 2),
            Flatten(),
            Dense(side * side * 32, 64, using: &generator), ReLU(),
            Dense(64, classes, using: &generator))
    }
}
