import Foundation

/// An IDX file (the MNIST format) that could not be read or written.
///
/// The description is one line naming the file and the problem, e.g.
/// `IDX file 'train-images-idx3-ubyte': data holds 1000 bytes but shape [60000, 28, 28] of unsigned byte needs 47040000`.
/// Format: <http://yann.lecun.com/exdb/mnist/> ("THE IDX FILE FORMAT").
public struct IDXError: DataFileError, Equatable, Sendable {
    public static let formatName = "IDX"

    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be opened or read (the system's message).
        case unreadable(String)
        /// The file is shorter than its 4-byte magic number plus 4 bytes per dimension.
        case truncatedHeader(byteCount: Int, needed: Int)
        /// The magic number does not start with two zero bytes.
        case badMagic([UInt8])
        /// The third magic byte is not one of the IDX type codes (0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E).
        case unknownType(UInt8)
        /// The data after the header is not product(shape) × element size bytes.
        case sizeMismatch(shape: [Int], type: IDXFile.ElementType, expectedBytes: Int, actualBytes: Int)
        /// The shape's element count overflows.
        case shapeTooLarge([Int])
        /// A `.gz` stream ended early.
        case truncatedGzip
        /// A `.gz` stream is corrupt (zlib's message).
        case corruptGzip(String)
        /// Writing failed (the system's message); any previous file at the path is unchanged.
        case writeFailed(String)
    }

    /// The file's path (or `<memory>`).
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
        case .truncatedHeader(let count, let needed): "is \(count) bytes long but its header needs \(needed)"
        case .badMagic(let bytes):
            "bad magic number \(bytes.map { String(format: "%02x", $0) }.joined(separator: " ")) "
                + "(expected 00 00 <type> <dimensions>)"
        case .unknownType(let code): String(format: "unknown element type 0x%02x", code)
        case .sizeMismatch(let shape, let type, let expected, let actual):
            "data holds \(actual) bytes but shape \(shape) of \(type) needs \(expected)"
        case .shapeTooLarge(let shape): "shape \(shape) has too many elements"
        case .truncatedGzip: "gzip stream is truncated"
        case .corruptGzip(let message): "gzip stream is corrupt: \(message)"
        case .writeFailed(let message): "could not be written (previous file left unchanged): \(message)"
        }
    }
}
