import Foundation

/// The JSON header of a safetensors file: parsing, validation against the data buffer, and encoding.
///
/// Format: <https://github.com/huggingface/safetensors#format>. Validation follows the reference implementation
/// (`Metadata::validate` in the Rust crate): taken in offset order the tensors must tile the data buffer exactly,
/// with no gap, overlap or trailing byte, and each must span element count × dtype size bytes.
struct SafetensorsHeader {
    /// One `"name": {"dtype", "shape", "data_offsets"}` entry after validation.
    struct Entry {
        var name: String
        var dtype: SafetensorsDType
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    var metadata: [String: String]
    /// Entries in data-offset order.
    var entries: [Entry]

    /// Parses `json` and checks every entry against a data buffer of `bufferSize` bytes.
    init(json: Data, bufferSize: Int, path: String) throws(SafetensorsError) {
        func fail(_ reason: SafetensorsError.Reason) -> SafetensorsError { SafetensorsError(path: path, reason: reason) }
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch let error as DecodingError {
            throw fail(.invalidHeader(Self.message(for: error)))
        } catch {
            throw fail(.invalidHeader("\(error)"))
        }
        metadata = raw.metadata
        var parsed: [Entry] = []
        for (name, entry) in raw.entries.sorted(by: { $0.key < $1.key }) {
            parsed.append(try Self.entry(name: name, raw: entry, path: path))
        }
        entries = parsed.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        try checkTiling(bufferSize: bufferSize, path: path)
    }

    private static func entry(name: String, raw: RawEntry, path: String) throws(SafetensorsError) -> Entry {
        func fail(_ reason: SafetensorsError.Reason) -> SafetensorsError { SafetensorsError(path: path, reason: reason) }
        guard let dtypeName = raw.dtype else { throw fail(.missingField(tensor: name, field: "dtype")) }
        guard let shape = raw.shape else { throw fail(.missingField(tensor: name, field: "shape")) }
        guard let offsets = raw.dataOffsets else { throw fail(.missingField(tensor: name, field: "data_offsets")) }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw fail(.unsupportedDType(tensor: name, dtype: dtypeName))
        }
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw fail(.invalidOffsets(tensor: name, offsets: offsets))
        }
        guard let byteCount = shapeByteCount(shape, elementSize: dtype.byteCount) else {
            throw fail(.invalidShape(tensor: name, shape: shape))
        }
        guard byteCount == offsets[1] - offsets[0] else {
            throw fail(.sizeMismatch(tensor: name, expectedBytes: byteCount, actualBytes: offsets[1] - offsets[0]))
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    private func checkTiling(bufferSize: Int, path: String) throws(SafetensorsError) {
        var expectedBegin = 0
        for entry in entries {
            guard entry.end <= bufferSize else {
                throw SafetensorsError(path: path, reason: .offsetsOutOfRange(tensor: entry.name, end: entry.end,
                                                                               bufferSize: bufferSize))
            }
            guard entry.begin == expectedBegin else {
                throw SafetensorsError(path: path, reason: .notContiguous(tensor: entry.name, begin: entry.begin,
                                                                           expectedBegin: expectedBegin))
            }
            expectedBegin = entry.end
        }
        if expectedBegin < bufferSize {
            throw SafetensorsError(path: path, reason: .trailingBytes(count: bufferSize - expectedBegin))
        }
    }

    private static func message(for error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? context.debugDescription
                : "at \(keys.joined(separator: ".")): \(context.debugDescription)"
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
             .keyNotFound(_, let context), .dataCorrupted(let context):
            return at(context)
        @unknown default:
            return "\(error)"
        }
    }
}

// MARK: - Encoding

extension SafetensorsHeader {
    /// The header JSON for F32 tensors laid out in the order of `names`, padded with spaces to a multiple of 8 bytes.
    ///
    /// `__metadata__` comes first (omitted when empty) with its keys sorted, so equal archives give equal bytes.
    static func encoded(metadata: [String: String], names: [String], shapes: [[Int]]) -> [UInt8] {
        var parts: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            parts.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, shape) in zip(names, shapes) {
            let end = offset + shape.reduce(1, *) * SafetensorsDType.f32.byteCount
            let dims = shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(dims)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var bytes = Array("{\(parts.joined(separator: ","))}".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - bytes.count % 8) % 8))
        return bytes
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    static func jsonString(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

// MARK: - Raw JSON shape

/// The header as JSON gives it, before validation: `__metadata__` plus name → entry.
private struct RawHeader: Decodable {
    var metadata: [String: String] = [:]
    var entries: [String: RawEntry] = [:]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(RawEntry.self, forKey: key)
            }
        }
    }
}

/// One tensor entry as JSON gives it; missing fields are nil so the error can name them.
private struct RawEntry: Decodable {
    var dtype: String?
    var shape: [Int]?
    var dataOffsets: [Int]?

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }
}
