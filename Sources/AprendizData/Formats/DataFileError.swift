import Foundation

/// What the data-format errors (``IDXError``, ``SafetensorsError``, ``NumericTableError``) share: a file
/// and a reason, described in one line that names the format and the file first, e.g.
/// `IDX file 'train-images-idx3-ubyte': bad magic number 01 02 08 03 (expected 00 00 <type> <dimensions>)`.
public protocol DataFileError: Error, LocalizedError, CustomStringConvertible {
    /// The format as messages name it: "IDX", "safetensors", "CSV".
    static var formatName: String { get }
    /// The file's path (or `<memory>` for bytes that did not come from a file).
    var path: String { get }
    /// What follows the file in the message: ": …" for the whole file, ", line 17, column 'x': …" for a place in it.
    var detail: String { get }
}

extension DataFileError {
    /// One line: the format, the file and the problem.
    public var description: String { "\(Self.formatName) file '\(path)'\(detail)" }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
