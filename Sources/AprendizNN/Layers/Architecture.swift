import Foundation

/// A description of a module's structure — its type name, hyper-parameters and sub-modules — from
/// which ``ArchitectureRegistry`` rebuilds it. Model files store it as JSON in the safetensors
/// header's `__metadata__`, so a saved model can be loaded without the code that built it:
///
/// ```json
/// {"type": "Sequential", "layers": [
///   {"type": "Dense", "options": {"inputs": 64, "outputs": 32, "useBias": true}},
///   {"type": "ReLU"},
///   {"type": "Dense", "options": {"inputs": 32, "outputs": 10, "useBias": true}}]}
/// ```
public struct Architecture: Codable, Sendable, Equatable {
    /// The registered type name (`Dense`, `Sequential`, `ReLU`, …).
    public var type: String
    /// Hyper-parameters by name.
    public var options: [String: Option]
    /// Sub-architectures, in order (for containers such as ``Sequential``).
    public var layers: [Architecture]

    /// A description of a layer of `type` with its options and sub-layers.
    public init(type: String, options: [String: Option] = [:], layers: [Architecture] = []) {
        self.type = type
        self.options = options
        self.layers = layers
    }

    /// One hyper-parameter value (JSON number, boolean, string or list of integers).
    public enum Option: Codable, Sendable, Equatable {
        case int(Int), float(Double), bool(Bool), string(String), ints([Int])

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int.self) { self = .int(value) }
            else if let value = try? container.decode(Double.self) { self = .float(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else { self = .ints(try container.decode([Int].self)) }
        }

        /// Encodes as JSON (the model file's `__metadata__`).
        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .float(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .ints(let value): try container.encode(value)
            }
        }
    }

    /// The integer option `name`.
    /// - Throws: ``ArchitectureError/badOption(type:name:)`` when it is absent or not an integer.
    public func int(_ name: String) throws -> Int {
        if case .int(let value)? = options[name] { return value }
        throw ArchitectureError.badOption(type: type, name: name)
    }

    /// The numeric option `name` (an integer is accepted).
    public func float(_ name: String) throws -> Float {
        switch options[name] {
        case .float(let value)?: return Float(value)
        case .int(let value)?: return Float(value)
        default: throw ArchitectureError.badOption(type: type, name: name)
        }
    }

    /// The string option `name`.
    /// - Throws: ``ArchitectureError/badOption(type:name:)`` when it is absent or not a string.
    public func string(_ name: String) throws -> String {
        if case .string(let value)? = options[name] { return value }
        throw ArchitectureError.badOption(type: type, name: name)
    }

    /// The Boolean option `name`, or `defaultValue` when absent.
    public func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        switch options[name] {
        case nil: return defaultValue
        case .bool(let value)?: return value
        default: throw ArchitectureError.badOption(type: type, name: name)
        }
    }

    /// The architecture as compact JSON with sorted keys (what model files store).
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings, numbers and arrays cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Parses the JSON written by ``jsonString()``.
    /// - Throws: ``ArchitectureError/malformed(_:)``.
    public init(jsonString: String) throws {
        do {
            self = try JSONDecoder().decode(Architecture.self, from: Data(jsonString.utf8))
        } catch {
            throw ArchitectureError.malformed("\(error)")
        }
    }

    enum CodingKeys: String, CodingKey { case type, options, layers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        options = try container.decodeIfPresent([String: Option].self, forKey: .options) ?? [:]
        layers = try container.decodeIfPresent([Architecture].self, forKey: .layers) ?? []
    }

    /// Encodes as JSON (the model file's `__metadata__`).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        if !options.isEmpty { try container.encode(options, forKey: .options) }
        if !layers.isEmpty { try container.encode(layers, forKey: .layers) }
    }
}

/// Why an architecture could not be described or rebuilt.
public enum ArchitectureError: Error, Equatable, CustomStringConvertible {
    /// No builder is registered for this type name.
    case unknownType(String)
    /// A hyper-parameter is missing or has the wrong kind of value.
    case badOption(type: String, name: String)
    /// The JSON could not be parsed.
    case malformed(String)

    public var description: String {
        switch self {
        case .unknownType(let type):
            "architecture: unknown layer type '\(type)' (register it with ArchitectureRegistry.register)"
        case .badOption(let type, let name): "architecture: \(type) option '\(name)' is missing or has the wrong type"
        case .malformed(let reason): "architecture: malformed description (\(reason))"
        }
    }
}

/// A module that can describe itself as an ``Architecture`` and be rebuilt from one.
///
/// Conform a layer in a few lines and add it to a registry (``ArchitectureRegistry/register(_:)``):
/// ```swift
/// extension Scale: ArchitectureDescribable {
///     static var typeName: String { "Scale" }
///     var architecture: Architecture? { Architecture(type: "Scale", options: ["factor": .float(Double(factor))]) }
///     convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
///         self.init(factor: try architecture.float("factor"))
///     }
/// }
/// ```
public protocol ArchitectureDescribable: Module {
    /// The name under which the type is registered (written as `type`).
    static var typeName: String { get }
    /// This module's description, or `nil` when part of it cannot be described (a container
    /// holding a custom layer that does not conform).
    var architecture: Architecture? { get }
    /// Rebuilds the module (with freshly initialised parameters) from its description.
    init(architecture: Architecture, registry: ArchitectureRegistry) throws
}

extension Module {
    /// This module's architecture if it (and everything inside it) is ``ArchitectureDescribable``.
    public var describedArchitecture: Architecture? { (self as? ArchitectureDescribable)?.architecture }
}
