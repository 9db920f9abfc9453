import Foundation

/// A safetensors file: named tensors plus string metadata — the format PyTorch and Hugging Face use for weights.
///
/// Layout (<https://github.com/huggingface/safetensors#format>):
/// ```
/// [8 bytes]  N, little-endian UInt64
/// [N bytes]  UTF-8 JSON: {"__metadata__": {str: str},
///                         "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …}
///            (may be padded with trailing spaces)
/// [rest]     the data buffer; offsets are relative to its start; little-endian, row-major, contiguous
/// ```
/// Reading validates the whole file and throws ``SafetensorsError`` on any inconsistency; it never traps on
/// malformed input. Writing stores `F32`, tensors sorted by name, the header padded to 8 bytes, atomically.
public struct SafetensorsArchive: Equatable, Sendable {
    /// The free-form `__metadata__` string map (empty when the file has none).
    public var metadata: [String: String]
    /// The tensors by name.
    public var tensors: [String: SafetensorsTensor]

    /// Creates an archive from tensors and metadata.
    public init(tensors: [String: SafetensorsTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and validates the safetensors file at `url`.
    /// - Throws: ``SafetensorsError`` naming the file and the problem.
    public init(contentsOf url: URL) throws(SafetensorsError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafetensorsError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses and validates the bytes of a safetensors file; `path` only labels errors.
    /// - Throws: ``SafetensorsError`` naming `path` and the problem.
    public init(data: Data, path: String = "<memory>") throws(SafetensorsError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafetensorsError(path: path, reason: .tooShort(byteCount: bytes.count)) }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let available = bytes.count - 8
        guard headerLength <= UInt64(available) else {
            throw SafetensorsError(path: path, reason: .headerTooLong(headerLength: headerLength, available: available))
        }
        let dataStart = 8 + Int(headerLength)
        let header = try SafetensorsHeader(json: Data(bytes[8..<dataStart]), bufferSize: bytes.count - dataStart,
                                           path: path)
        metadata = header.metadata
        tensors = bytes.withUnsafeBytes { raw in
            var tensors: [String: SafetensorsTensor] = [:]
            for entry in header.entries {
                let count = entry.shape.reduce(1, *)
                let scalars = entry.dtype.floats(from: raw, offset: dataStart + entry.begin, count: count)
                tensors[entry.name] = SafetensorsTensor(shape: entry.shape, scalars: scalars, dtype: entry.dtype)
            }
            return tensors
        }
    }

    /// The file's bytes: header (F32 entries sorted by name, padded to 8 bytes) then the data.
    /// - Parameter path: labels errors only.
    /// - Throws: ``SafetensorsError`` when a tensor's scalar count does not match its shape.
    public func serialized(path: String = "<memory>") throws(SafetensorsError) -> [UInt8] {
        let (names, header) = try checkedHeader(path: path)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        bytes.reserveCapacity(8 + header.count + names.reduce(0) { $0 + tensors[$1]!.scalars.count * 4 })
        bytes += header
        for name in names {
            appendLittleEndian(tensors[name]!.scalars, to: &bytes)
        }
        return bytes
    }

    /// The tensor names in file order and the encoded header, after checking every tensor's scalar count.
    private func checkedHeader(path: String) throws(SafetensorsError) -> (names: [String], header: [UInt8]) {
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            guard shapeByteCount(tensor.shape, elementSize: 4) == tensor.scalars.count * 4 else {
                throw SafetensorsError(path: path, reason: .scalarCountMismatch(
                    tensor: name, shape: tensor.shape, scalarCount: tensor.scalars.count))
            }
        }
        if names.contains("__metadata__") {
            throw SafetensorsError(path: path, reason: .invalidHeader("\"__metadata__\" is reserved, not a tensor name"))
        }
        return (names, SafetensorsHeader.encoded(metadata: metadata, names: names, shapes: names.map { tensors[$0]!.shape }))
    }

    /// Writes the archive to `url` atomically (temporary file in the same directory, fsync, rename, fsync of the
    /// directory), so `url` holds either its previous contents or the complete new file. The bytes are those of
    /// ``serialized(path:)``, streamed tensor by tensor (no second copy of the data in memory).
    /// - Throws: ``SafetensorsError``; on failure any previous file at `url` is unchanged and no temporary remains.
    public func write(to url: URL) throws(SafetensorsError) {
        try write(to: url, beforeRename: {})
    }

    /// ``write(to:)`` with a hook run just before the rename (tests throw from it to force a failure).
    func write(to url: URL, beforeRename: () throws -> Void) throws(SafetensorsError) {
        let (names, header) = try checkedHeader(path: url.path)
        do {
            // The bytes of ``serialized(path:)``, written tensor by tensor instead of gathered first.
            try AtomicFileWriter.write(to: url, beforeRename: beforeRename) { emit in
                try withUnsafeBytes(of: UInt64(header.count).littleEndian) { try emit($0) }
                try header.withUnsafeBytes { try emit($0) }
                for name in names {
                    #if _endian(little)
                    try tensors[name]!.scalars.withUnsafeBytes { try emit($0) }
                    #else
                    var bytes: [UInt8] = []
                    appendLittleEndian(tensors[name]!.scalars, to: &bytes)
                    try bytes.withUnsafeBytes { try emit($0) }
                    #endif
                }
            }
        } catch {
            throw SafetensorsError(path: url.path, reason: .writeFailed(error.description))
        }
    }
}

/// Appends `scalars` as little-endian binary32.
private func appendLittleEndian(_ scalars: [Float], to bytes: inout [UInt8]) {
    #if _endian(little)
    scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
    for scalar in scalars {
        withUnsafeBytes(of: scalar.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    #endif
}
