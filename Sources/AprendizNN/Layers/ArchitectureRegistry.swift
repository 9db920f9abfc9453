/// The layer types an ``Architecture`` may name, and how to build each.
///
/// ``standard`` knows every describable layer of AprendizNN. Add your own with ``register(_:)``:
/// ```swift
/// var registry = ArchitectureRegistry.standard
/// registry.register(Scale.self)
/// let model = try registry.build(architecture)
/// ```
public struct ArchitectureRegistry: Sendable {
    private var builders: [String: @Sendable (Architecture, ArchitectureRegistry) throws -> Module] = [:]

    /// An empty registry.
    public init() {}

    /// Every describable layer type of AprendizNN (containers, dense, convolution, pooling, shape and
    /// regularisation layers; activation layers add themselves in `ArchitectureRegistry+Activations`).
    public static let standard: ArchitectureRegistry = {
        var registry = ArchitectureRegistry()
        registry.register(Sequential.self)
        registry.register(Dense.self)
        registry.register(Flatten.self)
        registry.register(Dropout.self)
        registry.register(Conv2D.self)
        registry.register(MaxPooling2D.self)
        registry.register(AveragePooling2D.self)
        registry.register(GlobalAveragePooling2D.self)
        registry.registerActivations()
        registry.registerNormalization()
        registry.registerRecurrent()
        registry.registerResidual()
        return registry
    }()

    /// Makes `type` buildable under its ``ArchitectureDescribable/typeName``.
    public mutating func register<Layer: ArchitectureDescribable>(_ type: Layer.Type) {
        builders[Layer.typeName] = { architecture, registry in try Layer(architecture: architecture, registry: registry) }
    }

    /// The registered type names, sorted.
    public var typeNames: [String] { builders.keys.sorted() }

    /// The layer types `architecture` (and its sub-layers) names that this registry cannot build,
    /// sorted and without repeats; empty when ``build(_:)`` knows every one.
    public func unregisteredTypes(in architecture: Architecture) -> [String] {
        var missing: Set<String> = []
        func visit(_ node: Architecture) {
            if builders[node.type] == nil { missing.insert(node.type) }
            node.layers.forEach(visit)
        }
        visit(architecture)
        return missing.sorted()
    }

    /// Builds the module `architecture` describes, with freshly initialised parameters.
    /// - Throws: ``ArchitectureError`` for an unknown type or a bad option.
    public func build(_ architecture: Architecture) throws -> Module {
        guard let builder = builders[architecture.type] else { throw ArchitectureError.unknownType(architecture.type) }
        return try builder(architecture, self)
    }
}
