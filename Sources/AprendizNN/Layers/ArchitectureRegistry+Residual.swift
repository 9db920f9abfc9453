// Model-file description of the residual connection of chapter 22 (see ``Architecture``): a graph
// that is not a plain sequence, described by its parts — `layers` holds the branch, then the
// shortcut (when `shortcut` is true) and the activation (when `activation` is true).

extension Residual: ArchitectureDescribable {
    public static var typeName: String { "Residual" }

    public var architecture: Architecture? {
        guard let branch = main.describedArchitecture else { return nil }
        var parts = [branch]
        if let shortcut {
            guard let description = shortcut.describedArchitecture else { return nil }
            parts.append(description)
        }
        if let activation {
            guard let description = activation.describedArchitecture else { return nil }
            parts.append(description)
        }
        return Architecture(type: Self.typeName, options: ["shortcut": .bool(shortcut != nil),
                                                           "activation": .bool(activation != nil)], layers: parts)
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let hasShortcut = try architecture.bool("shortcut", default: false)
        let hasActivation = try architecture.bool("activation", default: true)
        guard architecture.layers.count == 1 + (hasShortcut ? 1 : 0) + (hasActivation ? 1 : 0) else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "layers")
        }
        let parts = try architecture.layers.map(registry.build)
        self.init(parts[0], shortcut: hasShortcut ? parts[1] : nil, activation: hasActivation ? parts.last : nil)
    }
}

extension ArchitectureRegistry {
    /// Registers the residual connection.
    mutating func registerResidual() {
        register(Residual.self)
    }
}
