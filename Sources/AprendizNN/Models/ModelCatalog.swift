import AprendizTensor

/// The ready-made networks that `aprendiz train --model NAME` (and code) can build by name.
///
/// | name | network | input |
/// |---|---|---|
/// | `lenet5` | ``Sequential/leNet5(classes:using:)`` (§21.9.1) | `[n, 28, 28, 1]` |
/// | `fashion-conv-net` | ``Sequential/fashionConvNet(classes:dropoutSeed:using:)`` (Fashion-MNIST's "2 Conv + pooling", 0.916) | `[n, 28, 28, 1]` |
/// | `small-resnet` | ``Sequential/smallResNet(classes:width:using:)`` (§22, three basic residual blocks) | `[n, 28, 28, 1]` |
public enum ModelCatalog {
    /// The known names, sorted.
    public static let names = ["fashion-conv-net", "lenet5", "small-resnet"]

    /// The input shape (without the batch axis) the named model expects, or `nil` for an unknown name.
    public static func inputShape(of name: String) -> [Int]? { names.contains(name) ? [28, 28, 1] : nil }

    /// A freshly initialised model called `name` with `classes` outputs.
    /// - Throws: ``ModelCatalogError/unknownModel(_:known:)``.
    public static func make(_ name: String, classes: Int = 10, using generator: inout RandomGenerator) throws -> Sequential {
        switch name {
        case "lenet5": return .leNet5(classes: classes, using: &generator)
        case "fashion-conv-net": return .fashionConvNet(classes: classes, dropoutSeed: generator.next(), using: &generator)
        case "small-resnet": return .smallResNet(classes: classes, using: &generator)
        default: throw ModelCatalogError.unknownModel(name, known: names)
        }
    }
}

/// Why ``ModelCatalog`` could not build a model.
public enum ModelCatalogError: Error, Equatable, CustomStringConvertible {
    /// No model has this name.
    case unknownModel(String, known: [String])

    public var description: String {
        switch self {
        case .unknownModel(let name, let known):
            "model: unknown model '\(name)' (known: \(known.joined(separator: ", ")))"
        }
    }
}
