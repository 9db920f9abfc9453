import Foundation
import AprendizTensor

/// An IDX file: the format of the MNIST and Fashion-MNIST images and labels, raw or gzip-compressed.
///
/// Layout (<http://yann.lecun.com/exdb/mnist/>, "THE IDX FILE FORMAT"):
/// ```
/// [4 bytes]       magic: 0x00 0x00 <type> <number of dimensions d>
/// [4 × d bytes]   dimension sizes, big-endian 32-bit
/// [rest]          product(sizes) elements, big-endian, row-major (last dimension fastest)
/// type: 0x08 UInt8  0x09 Int8  0x0B Int16  0x0C Int32  0x0D Float32  0x0E Float64
/// ```
/// For example MNIST's `train-images-idx3-ubyte` is type 0x08 with shape [60000, 28, 28] and
/// `train-labels-idx1-ubyte` is type 0x08 with shape [60000].
public struct IDXFile: Equatable, Sendable {
    /// The element type coded in the third magic byte.
    public enum ElementType: UInt8, CaseIterable, Sendable, CustomStringConvertible {
        /// 0x08: unsigned byte (MNIST pixels 0…255 and labels 0…9).
        case unsignedByte = 0x08
        /// 0x09: signed byte.
        case signedByte = 0x09
        /// 0x0B: 16-bit signed integer.
        case short = 0x0B
        /// 0x0C: 32-bit signed integer.
        case int = 0x0C
        /// 0x0D: IEEE binary32.
        case float = 0x0D
        /// 0x0E: IEEE binary64.
        case double = 0x0E

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .unsignedByte, .signedByte: 1
            case .short: 2
            case .int, .float: 4
            case .double: 8
            }
        }

        /// The name used in error messages, e.g. "unsigned byte".
        public var description: String {
            switch self {
            case .unsignedByte: "unsigned byte"
            case .signedByte: "signed byte"
            case .short: "short"
            case .int: "int"
            case .float: "float"
            case .double: "double"
            }
        }
    }

    /// The element type.
    public var elementType: ElementType
    /// Dimension sizes, outermost first (e.g. [60000, 28, 28]).
    public var shape: [Int]
    /// The elements as stored: big-endian, row-major; `data.count == product(shape) × elementType.byteCount`.
    public var data: [UInt8]

    /// Creates a file from raw big-endian element bytes.
    ///
    /// Precondition: `data.count == product(shape) × elementType.byteCount`, at most 255 dimensions, and every
    /// size fits in 32 bits.
    public init(elementType: ElementType, shape: [Int], data: [UInt8]) {
        require(shape.count <= 255, "IDXFile: shape \(shape) has more than 255 dimensions")
        require(shape.allSatisfy { (0...Int(UInt32.max)).contains($0) },
                     "IDXFile: every dimension of shape \(shape) must be in 0...\(UInt32.max)")
        require(shapeByteCount(shape, elementSize: elementType.byteCount) == data.count,
                     "IDXFile: \(data.count) bytes do not fit shape \(shape) of \(elementType)")
        self.elementType = elementType
        self.shape = shape
        self.data = data
    }

    /// Creates an unsigned-byte file (type 0x08), the type of MNIST images and labels.
    public init(shape: [Int], bytes: [UInt8]) {
        self.init(elementType: .unsignedByte, shape: shape, data: bytes)
    }

    /// Reads the IDX file at `url`, decompressing it first if it starts with the gzip magic `1f 8b` (whatever its
    /// extension; an IDX file itself always starts with `00 00`).
    /// - Throws: ``IDXError`` naming the file and the problem.
    public init(contentsOf url: URL) throws(IDXError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw IDXError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses the bytes of an IDX file, raw or gzip-compressed; `path` only labels errors.
    /// - Throws: ``IDXError`` naming `path` and the problem.
    public init(data: Data, path: String = "<memory>") throws(IDXError) {
        var bytes = [UInt8](data)
        if Gzip.hasMagic(bytes) {
            func inflate(limit: Int) throws(IDXError) -> [UInt8] {
                do {
                    return try Gzip.decompress(bytes, limit: limit)
                } catch {
                    switch error {
                    case .truncated: throw IDXError(path: path, reason: .truncatedGzip)
                    case .corrupt(let message): throw IDXError(path: path, reason: .corruptGzip(message))
                    }
                }
            }
            // The header first (at most 4 + 4·255 bytes), then no more than the size it declares plus one byte, so
            // a small file that inflates to gigabytes is a size mismatch, not an allocation. Deflate expands at most
            // 1032:1, so a declared size beyond that bound is refused before decompressing anything more.
            let header = try inflate(limit: 4 + 4 * 255)
            let declared = Self.declaredSize(header)
            if let declared, declared.bytes > 1032 * bytes.count + 1024 {
                throw IDXError(path: path, reason: .shapeTooLarge(declared.shape))
            }
            bytes = try inflate(limit: declared?.bytes ?? header.count)
        }
        try self.init(decompressed: bytes, path: path)
    }

    /// The total size (header and data) an IDX header declares, or nil when the header is incomplete, unknown
    /// or overflows; only bounds a decompression (the full checks are in the parser).
    private static func declaredSize(_ header: [UInt8]) -> (shape: [Int], bytes: Int)? {
        guard header.count >= 4, let type = ElementType(rawValue: header[2]) else { return nil }
        let length = 4 + 4 * Int(header[3])
        guard header.count >= length else { return nil }
        let shape = (0..<Int(header[3])).map { d in header[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) } }
        return shapeByteCount(shape, elementSize: type.byteCount).map { (shape, $0 + length) }
    }

    private init(decompressed bytes: [UInt8], path: String) throws(IDXError) {
        func fail(_ reason: IDXError.Reason) -> IDXError { IDXError(path: path, reason: reason) }
        guard bytes.count >= 4 else { throw fail(.truncatedHeader(byteCount: bytes.count, needed: 4)) }
        guard bytes[0] == 0, bytes[1] == 0 else { throw fail(.badMagic(Array(bytes[0..<4]))) }
        guard let type = ElementType(rawValue: bytes[2]) else { throw fail(.unknownType(bytes[2])) }
        let headerLength = 4 + 4 * Int(bytes[3])
        guard bytes.count >= headerLength else {
            throw fail(.truncatedHeader(byteCount: bytes.count, needed: headerLength))
        }
        let shape = (0..<Int(bytes[3])).map { dimension in
            bytes[(4 + 4 * dimension)..<(8 + 4 * dimension)].reduce(0) { $0 << 8 | Int($1) }
        }
        guard let expected = shapeByteCount(shape, elementSize: type.byteCount) else { throw fail(.shapeTooLarge(shape)) }
        let actual = bytes.count - headerLength
        guard expected == actual else {
            throw fail(.sizeMismatch(shape: shape, type: type, expectedBytes: expected, actualBytes: actual))
        }
        elementType = type
        self.shape = shape
        data = Array(bytes[headerLength...])
    }

    /// The number of elements, product(shape).
    public var count: Int { data.count / elementType.byteCount }

    /// The elements converted to `Float`, row-major. MNIST images (unsigned bytes) come out in 0…255, unscaled.
    public var scalars: [Float] {
        let count = self.count
        return data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = Self.float(in: raw, at: index, type: elementType)
                }
                initialized = count
            }
        }
    }

    private static func float(in raw: UnsafeRawBufferPointer, at index: Int, type: ElementType) -> Float {
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            T(bigEndian: raw.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
        }
        switch type {
        case .unsignedByte: return Float(raw[index])
        case .signedByte: return Float(Int8(bitPattern: raw[index]))
        case .short: return Float(load(Int16.self))
        case .int: return Float(load(Int32.self))
        case .float: return Float(bitPattern: load(UInt32.self))
        case .double: return Float(Double(bitPattern: load(UInt64.self)))
        }
    }

    /// The file's bytes: magic, big-endian sizes, data (uncompressed).
    public func serialized() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, elementType.rawValue, UInt8(shape.count)]
        for dimension in shape {
            withUnsafeBytes(of: UInt32(dimension).bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + data
    }

    /// Writes the file to `url` atomically, gzip-compressed when `url` ends in `.gz`.
    /// - Throws: ``IDXError``; on failure any previous file at `url` is unchanged.
    public func write(to url: URL) throws(IDXError) {
        let raw = serialized()
        let bytes = url.pathExtension == "gz" ? Gzip.compress(raw) : raw
        do {
            try AtomicFileWriter.write(bytes, to: url)
        } catch {
            throw IDXError(path: url.path, reason: .writeFailed(error.description))
        }
    }
}
