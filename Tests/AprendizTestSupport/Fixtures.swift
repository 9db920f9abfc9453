import Aprendiz
import Foundation

/// A reference fixture file under `Tests/Fixtures/`, written by a generator in `Tools/fixtures/`.
public struct ReferenceFixture: Decodable, Sendable {
    /// One array in a fixture: shape and row-major data.
    public struct Array: Decodable, Sendable {
        public let shape: [Int]
        public let data: [Float?]
        /// As a tensor (JSON has no NaN/∞: the generators write null for NaN).
        public var tensor: Tensor { Tensor(shape: shape, scalars: data.map { $0 ?? .nan }) }
    }

    /// One reference case: an op applied to inputs, with NumPy's forward and PyTorch's gradients.
    public struct Case: Decodable, Sendable {
        public let name: String
        public let op: String
        public let args: [String: JSONValue]
        public let inputs: [Array]
        public let output: Array
        public let upstream: Array?
        public let grads: [Array?]?
    }

    public let generator: String
    public let cases: [Case]

    /// Loads `Tests/Fixtures/<name>`.
    public static func load(_ name: String, filePath: String = #filePath) throws -> ReferenceFixture {
        try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: fixtureURL(name, filePath: filePath)))
    }

    /// The URL of a file under `Tests/Fixtures/`.
    public static func fixtureURL(_ name: String, filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        while url.lastPathComponent != "Tests", url.pathComponents.count > 1 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}

/// A loosely typed JSON value for fixture arguments.
public enum JSONValue: Decodable, Sendable {
    case number(Double), bool(Bool), string(String), array([JSONValue]), null

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else { self = .array(try c.decode([JSONValue].self)) }
    }

    public var float: Float? { if case .number(let d) = self { Float(d) } else { nil } }
    public var int: Int? { if case .number(let d) = self { Int(d) } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var ints: [Int]? { if case .array(let a) = self { a.compactMap(\.int) } else { nil } }
}
