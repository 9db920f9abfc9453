import Aprendiz
import Foundation

/// A free-form JSON fixture under `Tests/Fixtures/` (for generators whose output is not a list of
/// op cases): navigate with key paths, read numbers, tensors (`{"shape", "data"}`) and lists.
public struct JSONFixture {
    fileprivate let value: Any

    /// Loads `Tests/Fixtures/<name>`.
    public init(_ name: String, filePath: String = #filePath) throws {
        let data = try Data(contentsOf: ReferenceFixture.fixtureURL(name, filePath: filePath))
        value = try JSONSerialization.jsonObject(with: data)
    }

    private init(value: Any) { self.value = value }

    /// The member `key` of this object (fails the test by crashing with the key's name if absent).
    public subscript(key: String) -> JSONFixture {
        guard let object = value as? [String: Any], let member = object[key] else {
            preconditionFailure("JSONFixture: no key '\(key)'")
        }
        return JSONFixture(value: member)
    }

    /// The elements of this array.
    public var array: [JSONFixture] { (value as! [Any]).map { JSONFixture(value: $0) } }
    /// Whether this value is JSON `null` (the generators' NaN).
    public var isNull: Bool { value is NSNull }
    /// This number.
    public var float: Float { Float((value as! NSNumber).doubleValue) }
    /// This string.
    public var string: String { value as! String }
    /// This number as an integer.
    public var int: Int { (value as! NSNumber).intValue }
    /// This array of numbers.
    public var floats: [Float] { array.map(\.float) }
    /// This `{"shape": [...], "data": [...]}` object as a tensor.
    public var tensor: Tensor { Tensor(shape: self["shape"].array.map(\.int), scalars: self["data"].floats) }
}

extension JSONFixture {
    /// Whether this object has the member `key`.
    public func has(_ key: String) -> Bool { (value as? [String: Any])?[key] != nil }
    /// This Boolean.
    public var bool: Bool { (value as! NSNumber).boolValue }
}

extension JSONFixture {
    /// The keys of this object.
    public var keys: [String] { (value as? [String: Any]).map { Array($0.keys) } ?? [] }
}
