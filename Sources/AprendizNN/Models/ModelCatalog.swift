import AprendizTensor

/// The ready-made networks that `aprendiz train --model NAME` (and code) can build by name: the
/// family's one source of truth (a `Catalogue`).
///
/// | name | network | input |
/// |---|---|---|
/// | `lenet5` | ``Sequential/leNet5(classes:using:)`` (§21.9.1) | `[n, 28, 28, 1]` |
/// | `fashion-conv-net` | ``Sequential/fashionConvNet(classes:dropoutSeed:using:)`` (Fashion-MNIST's "2 Conv + pooling", 0.916) | `[n, 28, 28, 1]` |
/// | `fashion-conv-net-bn` | ``Sequential/fashionConvNetBN(classes:dropoutSeed:using:)`` (Fashion-MNIST's "2 Conv + pooling + BN", 0.934) | `[n, 28, 28, 1]` |
/// | `small-resnet` | ``Sequential/smallResNet(classes:width:using:)`` (§22; `width` channels in the first stage, 16 by default) | `[n, 28, 28, 1]` |
///
/// Adding a network is its file (a `Sequential` factory) plus one case here; the compiler then asks
/// for its input shape and how to build it, and the command line lists it.
public enum ModelCatalog: String, Catalogue {
    case lenet5
    case fashionConvNet = "fashion-conv-net"
    case fashionConvNetBN = "fashion-conv-net-bn"
    case smallResNet = "small-resnet"

    /// `model`, in messages (`CatalogueError`).
    public static let familyName = "model"

    /// The input shape (without the batch axis) the model expects.
    public var inputShape: [Int] {
        switch self {
        case .lenet5, .fashionConvNet, .fashionConvNetBN, .smallResNet: [28, 28, 1]
        }
    }

    /// Whether ``make(classes:width:using:)`` reads a width (the small ResNet's first stage).
    public var hasWidth: Bool { self == .smallResNet }

    /// A freshly initialised model with `classes` outputs; `width` sets the small ResNet's first-stage
    /// channels (nil: its default, 16) and must be nil for the other networks.
    public func make(classes: Int = 10, width: Int? = nil, using generator: inout RandomGenerator) -> Sequential {
        require(width == nil || hasWidth, "ModelCatalog.make: \(rawValue) has no width")
        switch self {
        case .lenet5: return .leNet5(classes: classes, using: &generator)
        case .fashionConvNet: return .fashionConvNet(classes: classes, dropoutSeed: generator.next(), using: &generator)
        case .fashionConvNetBN: return .fashionConvNetBN(classes: classes, dropoutSeed: generator.next(), using: &generator)
        case .smallResNet: return .smallResNet(classes: classes, width: width ?? 16, using: &generator)
        }
    }
}
