import AprendizAutodiff

/// Layers applied one after another: y = fₙ(…f₂(f₁(x))). The book's networks are built this way, a
/// ``Dense`` layer followed by an activation *layer* (§6.2):
///
/// ```swift
/// let model = Sequential(Dense(64, 32), ReLU(), Dense(32, 10))
/// model.namedParameters().map(\.name)   // ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"]
/// ```
/// Parameter names (`layers.<index>.<name>`) are the keys of the model file.
public final class Sequential: Module {
    /// The layers, in application order.
    public let layers: [Module]

    /// A sequence of layers.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    /// A sequence of layers.
    public convenience init(_ layers: Module...) { self.init(layers) }

    public override func callAsFunction(_ input: Variable) -> Variable {
        layers.reduce(input) { x, layer in layer(x) }
    }
}

extension Sequential: ArchitectureDescribable {
    public static var typeName: String { "Sequential" }

    /// `nil` when some layer is not ``ArchitectureDescribable``.
    public var architecture: Architecture? {
        var described: [Architecture] = []
        for layer in layers {
            guard let architecture = layer.describedArchitecture else { return nil }
            described.append(architecture)
        }
        return Architecture(type: Sequential.typeName, layers: described)
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(try architecture.layers.map(registry.build))
    }
}
