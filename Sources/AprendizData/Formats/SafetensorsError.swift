import Foundation

/// A safetensors file that could not be read or written.
///
/// The description is one line naming the file and the problem, e.g.
/// `safetensors file 'model.safetensors': header length 4096 is larger than the 120 bytes after the length prefix`.
/// Format: <https://github.com/huggingface/safetensors#format>.
public struct SafetensorsError: DataFileError, Equatable, Sendable {
    public static let formatName = "safetensors"

    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be opened or read (the system's message).
        case unreadable(String)
        /// The file has fewer than the 8 bytes of the header-length prefix.
        case tooShort(byteCount: Int)
        /// The header length in the prefix exceeds the bytes that follow it.
        case headerTooLong(headerLength: UInt64, available: Int)
        /// The header is not UTF-8 JSON of the expected form (the parser's message).
        case invalidHeader(String)
        /// A tensor entry lacks `dtype`, `shape` or `data_offsets`.
        case missingField(tensor: String, field: String)
        /// A dtype this reader does not convert to Float (e.g. `F8_E4M3`) or does not know.
        case unsupportedDType(tensor: String, dtype: String)
        /// A shape with a negative dimension or an element count that overflows.
        case invalidShape(tensor: String, shape: [Int])
        /// `data_offsets` is not `[begin, end]` with `0 ≤ begin ≤ end`.
        case invalidOffsets(tensor: String, offsets: [Int])
        /// `end − begin` differs from element count × dtype size.
        case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
        /// A tensor does not start where the previous one (in offset order) ends: a gap or an overlap.
        case notContiguous(tensor: String, begin: Int, expectedBegin: Int)
        /// A tensor ends past the end of the data buffer.
        case offsetsOutOfRange(tensor: String, end: Int, bufferSize: Int)
        /// The data buffer holds bytes after the last tensor.
        case trailingBytes(count: Int)
        /// Writing: a tensor's scalar count differs from the product of its shape.
        case scalarCountMismatch(tensor: String, shape: [Int], scalarCount: Int)
        /// Writing failed (the system's message); any previous file at the path is unchanged.
        case writeFailed(String)
    }

    /// The file's path (or `<memory>` for bytes that did not come from a file).
    public var path: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// ": " and the problem.
    public var detail: String { ": " + problem }

    private var problem: String {
        switch reason {
        case .unreadable(let message): "cannot be read: \(message)"
        case .tooShort(let count): "is \(count) bytes long, shorter than the 8-byte header-length prefix"
        case .headerTooLong(let length, let available):
            "header length \(length) is larger than the \(available) bytes after the length prefix"
        case .invalidHeader(let message): "invalid JSON header: \(message)"
        case .missingField(let tensor, let field): "tensor '\(tensor)' has no \"\(field)\""
        case .unsupportedDType(let tensor, let dtype):
            "tensor '\(tensor)' has unsupported dtype \"\(dtype)\" (supported: \(SafetensorsDType.supportedList))"
        case .invalidShape(let tensor, let shape): "tensor '\(tensor)' has invalid shape \(shape)"
        case .invalidOffsets(let tensor, let offsets):
            "tensor '\(tensor)' has invalid data_offsets \(offsets) (expected [begin, end] with 0 ≤ begin ≤ end)"
        case .sizeMismatch(let tensor, let expected, let actual):
            "tensor '\(tensor)' needs \(expected) bytes for its shape and dtype but its data_offsets span \(actual)"
        case .notContiguous(let tensor, let begin, let expected):
            "tensor '\(tensor)' begins at byte \(begin) of the data but the previous tensor ends at \(expected) "
                + "(gap or overlap)"
        case .offsetsOutOfRange(let tensor, let end, let size):
            "tensor '\(tensor)' ends at byte \(end), past the \(size)-byte data buffer"
        case .trailingBytes(let count): "\(count) bytes after the last tensor's data"
        case .scalarCountMismatch(let tensor, let shape, let count):
            "tensor '\(tensor)' has \(count) scalars but shape \(shape)"
        case .writeFailed(let message): "could not be written (previous file left unchanged): \(message)"
        }
    }
}
