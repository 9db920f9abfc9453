// Activation layers in architecture descriptions: the parameter-free ones by type name alone,
// LeakyReLU and ELU with their α. (PReLU, RReLU, NoisyReLU, GELU variants, Swish and Softmax are not
// describable yet: a model that uses them saves its parameters without an architecture.)

/// A describable layer with no hyper-parameters, rebuilt with `init()`.
public protocol ParameterFreeLayer: ArchitectureDescribable {
    init()
}

extension ParameterFreeLayer {
    public var architecture: Architecture? { Architecture(type: Self.typeName) }
    public init(architecture: Architecture, registry: ArchitectureRegistry) throws { self.init() }
}

extension ReLU: ParameterFreeLayer { public static var typeName: String { "ReLU" } }
extension Sigmoid: ParameterFreeLayer { public static var typeName: String { "Sigmoid" } }
extension Tanh: ParameterFreeLayer { public static var typeName: String { "Tanh" } }
extension Softsign: ParameterFreeLayer { public static var typeName: String { "Softsign" } }
extension HardSigmoid: ParameterFreeLayer { public static var typeName: String { "HardSigmoid" } }
extension HardTanh: ParameterFreeLayer { public static var typeName: String { "HardTanh" } }
extension SELU: ParameterFreeLayer { public static var typeName: String { "SELU" } }

extension LeakyReLU: ArchitectureDescribable {
    public static var typeName: String { "LeakyReLU" }
    public var architecture: Architecture? { Architecture(type: Self.typeName, options: ["alpha": .float(Double(alpha))]) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(alpha: try architecture.float("alpha"))
    }
}

extension ELU: ArchitectureDescribable {
    public static var typeName: String { "ELU" }
    public var architecture: Architecture? { Architecture(type: Self.typeName, options: ["alpha": .float(Double(alpha))]) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(alpha: try architecture.float("alpha"))
    }
}

extension ArchitectureRegistry {
    /// Registers the describable activation layers.
    mutating func registerActivations() {
        register(ReLU.self)
        register(Sigmoid.self)
        register(Tanh.self)
        register(Softsign.self)
        register(HardSigmoid.self)
        register(HardTanh.self)
        register(SELU.self)
        register(LeakyReLU.self)
        register(ELU.self)
    }
}
