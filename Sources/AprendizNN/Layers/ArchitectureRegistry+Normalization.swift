// Model-file descriptions of the normalisation layers of §24.3 and the embedding of §23.4 (see
// ``Architecture``). Running statistics are buffers, restored from the model file's tensors.

extension LayerNorm: ArchitectureDescribable {
    public static var typeName: String { "LayerNorm" }

    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: [
            "normalizedShape": .ints(normalizedShape), "epsilon": .float(Double(epsilon)),
            "elementwiseAffine": .bool(weight != nil),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        guard case .ints(let shape)? = architecture.options["normalizedShape"], !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "normalizedShape")
        }
        self.init(shape, epsilon: try architecture.nonNegativeEpsilon(),
                  elementwiseAffine: try architecture.bool("elementwiseAffine", default: true))
    }
}

extension BatchNorm: ArchitectureDescribable {
    public static var typeName: String { "BatchNorm" }

    public var architecture: Architecture? {
        var options: [String: Architecture.Option] = [
            "channels": .int(channelCount), "epsilon": .float(Double(epsilon)), "affine": .bool(weight != nil),
            "trackRunningStatistics": .bool(runningMean != nil),
        ]
        if let momentum { options["momentum"] = .float(Double(momentum)) }
        return Architecture(type: Self.typeName, options: options)
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let channels = try architecture.int("channels")
        guard channels > 0 else { throw ArchitectureError.badOption(type: Self.typeName, name: "channels") }
        let momentum = architecture.options["momentum"] == nil ? nil : try architecture.float("momentum")
        if let momentum, !(momentum > 0 && momentum <= 1) {
            throw ArchitectureError.badOption(type: Self.typeName, name: "momentum")
        }
        self.init(channels, epsilon: try architecture.nonNegativeEpsilon(), momentum: momentum,
                  affine: try architecture.bool("affine", default: true),
                  trackRunningStatistics: try architecture.bool("trackRunningStatistics", default: true))
    }
}

extension GroupNorm: ArchitectureDescribable {
    public static var typeName: String { "GroupNorm" }

    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: [
            "groups": .int(groupCount), "channels": .int(channelCount), "epsilon": .float(Double(epsilon)),
            "affine": .bool(weight != nil),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let groups = try architecture.int("groups"), channels = try architecture.int("channels")
        guard groups > 0, channels > 0, channels % groups == 0 else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "groups")
        }
        self.init(groups: groups, channels: channels, epsilon: try architecture.nonNegativeEpsilon(),
                  affine: try architecture.bool("affine", default: true))
    }
}

extension Embedding: ArchitectureDescribable {
    public static var typeName: String { "Embedding" }

    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: ["count": .int(count), "dimension": .int(dimension)])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let count = try architecture.int("count"), dimension = try architecture.int("dimension")
        guard count > 0 else { throw ArchitectureError.badOption(type: Self.typeName, name: "count") }
        guard dimension > 0 else { throw ArchitectureError.badOption(type: Self.typeName, name: "dimension") }
        self.init(count, dimension)
    }
}

extension Architecture {
    /// The option `epsilon`, which must be a number ≥ 0.
    func nonNegativeEpsilon() throws -> Float {
        let epsilon = try float("epsilon")
        guard epsilon >= 0 else { throw ArchitectureError.badOption(type: type, name: "epsilon") }
        return epsilon
    }
}

extension ArchitectureRegistry {
    /// Registers the normalisation layers and the embedding.
    mutating func registerNormalization() {
        register(LayerNorm.self)
        register(BatchNorm.self)
        register(GroupNorm.self)
        register(Embedding.self)
    }
}
