import AprendizTensor

/// The ready-made networks that `aprendiz train --model NAME` (and code) can build by name: the
/// family's one source of truth (a `Catalogue`).
///
/// | name | network | input |
/// |---|---|---|
/// | `lenet5` | ``Sequential/leNet5(classes:using:)`` (§21.9.1) | `[n, 28, 28, 1]` |
/// | `fashion-conv-net` | ``Sequential/fashionConvNet(classes:dropoutSeed:using:)`` (Fashion-MNIST's "2 Conv + pooling", 0.916) | `[n, 28, 28, 1]` |
///
/// Adding a network is its file (a `Sequential` factory) plus one case here; the compiler then asks
/// for its input shape and how to build it, and the command line lists it.
public enum ModelCatalog: String, Catalogue {
    case lenet5
    case fashionConvNet = "fashion-conv-net"
    case smallResNet = "small-resnet"

    /// `model`, in messages (`CatalogueError`).
    public static let familyName = "model"

    /// The input shape (without the batch axis) the model expects.
    public var inputShape: [Int] {
        switch self {
        case .lenet5, .fashionConvNet, .smallResNet: [28, 28, 1]
        }
    }

    /// A freshly initialised model with `classes` outputs.
    public func make(classes: Int = 10, using generator: inout RandomGenerator) -> Sequential {
        switch self {
        case .lenet5: .leNet5(classes: classes, using: &generator)
        case .fashionConvNet: .fashionConvNet(classes: classes, dropoutSeed: generator.next(), using: &generator)
        case .smallResNet: .smallResNet(classes: classes, using: &generator)
        }
    }
}
