// Activation layers in architecture descriptions: the parameter-free ones by type name alone, the
// others with their hyper-parameters. Learned values (PReLU's α, a learnable Swish β) are parameters,
// restored from the model file's tensors; a layer's own random generator (RReLU, NoisyReLU) is not
// stored — a rebuilt one draws from the global generator, and in inference mode neither draws.

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
extension Heaviside: ParameterFreeLayer { public static var typeName: String { "Heaviside" } }
extension NoisyReLU: ArchitectureDescribable {
    public static var typeName: String { "NoisyReLU" }
    public var architecture: Architecture? { Architecture(type: Self.typeName) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws { self.init(seed: nil) }
}

extension GELU: ArchitectureDescribable {
    public static var typeName: String { "GELU" }
    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: ["approximation": .string(approximation.rawValue)])
    }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        guard let approximation = Approximation(rawValue: try architecture.string("approximation")) else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "approximation")
        }
        self.init(approximation: approximation)
    }
}

extension Swish: ArchitectureDescribable {
    public static var typeName: String { "Swish" }
    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: ["beta": .float(Double(beta.value.scalars[0])),
                                                    "learnable": .bool(beta.requiresGradient)])
    }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(beta: try architecture.float("beta"), learnable: try architecture.bool("learnable", default: false))
    }
}

extension PReLU: ArchitectureDescribable {
    public static var typeName: String { "PReLU" }
    public var architecture: Architecture? { Architecture(type: Self.typeName, options: ["channels": .int(alpha.shape[0])]) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let channels = try architecture.int("channels")
        guard channels >= 1 else { throw ArchitectureError.badOption(type: Self.typeName, name: "channels") }
        self.init(channels: channels)
    }
}

extension RReLU: ArchitectureDescribable {
    public static var typeName: String { "RReLU" }
    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: ["lower": .float(Double(lower)), "upper": .float(Double(upper))])
    }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let lower = try architecture.float("lower"), upper = try architecture.float("upper")
        guard lower >= 0 && lower <= upper && upper.isFinite else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "lower")
        }
        self.init(lower: lower, upper: upper)
    }
}

extension WilsonCowan: ArchitectureDescribable {
    public static var typeName: String { "WilsonCowan" }
    public var architecture: Architecture? {
        Architecture(type: Self.typeName, options: ["slope": .float(Double(slope)), "threshold": .float(Double(threshold))])
    }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(slope: try architecture.float("slope"), threshold: try architecture.float("threshold"))
    }
}

extension Softmax: ArchitectureDescribable {
    public static var typeName: String { "Softmax" }
    public var architecture: Architecture? { Architecture(type: Self.typeName, options: ["axis": .int(axis)]) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(axis: try architecture.int("axis"))
    }
}

extension LogSoftmax: ArchitectureDescribable {
    public static var typeName: String { "LogSoftmax" }
    public var architecture: Architecture? { Architecture(type: Self.typeName, options: ["axis": .int(axis)]) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(axis: try architecture.int("axis"))
    }
}

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
    /// Registers every activation of the ``Activation`` catalogue (its ``Activation/layerType``) and
    /// the two that are not element-wise (softmax, log-softmax).
    mutating func registerActivations() {
        for activation in Activation.allCases { register(activation.layerType) }
        register(Softmax.self)
        register(LogSoftmax.self)
    }
}
