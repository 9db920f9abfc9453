#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file read front to back in pieces of about `chunkBytes` that end at record boundaries, holding one piece
/// at a time — what lets ``CSVTableStream`` read a file larger than memory.
///
/// A piece ends after its last line feed outside quotes: it starts at a record boundary (outside quotes), so every
/// `"` toggles "inside quotes" from there (an escaped `""` toggles twice). A record longer than `chunkBytes` makes
/// a larger piece. Records must end with LF or CRLF to be split (a file of CR-only line ends is one piece).
final class CSVFileChunks {
    /// A piece of the body: whole records, and the 1-based line of its first byte.
    struct Chunk {
        var bytes: [UInt8]
        var firstLine: Int
    }

    let path: String
    let chunkBytes: Int
    /// The header record with its line break (and the byte-order mark, if any).
    private(set) var header: [UInt8] = []
    /// The line breaks in ``header``.
    private(set) var headerLineBreaks = 0
    /// The largest piece returned so far, in bytes.
    private(set) var largestChunk = 0
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var atEnd = false
    private var nextLine = 1

    /// Opens `path` and reads its header record.
    /// - Throws: ``NumericTableError/Reason/unreadable(_:)`` with the system's message.
    init(path: String, chunkBytes: Int) throws(NumericTableError) {
        self.path = path
        self.chunkBytes = max(chunkBytes, 64)
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw NumericTableError(path: path, reason: .unreadable(String(cString: strerror(errno)))) }
        var end = Self.recordEnd(in: pending, last: false)
        while end == 0, !atEnd {
            try readMore(self.chunkBytes)
            end = Self.recordEnd(in: pending, last: false)
        }
        if end == 0 { end = pending.count }
        header = Array(pending[..<end])
        pending.removeFirst(end)
        headerLineBreaks = Self.lineBreaks(header)
        nextLine += headerLineBreaks
    }

    deinit { close(descriptor) }

    /// The next piece of whole records, or nil at the end of the file.
    func next() throws(NumericTableError) -> Chunk? {
        while !atEnd, pending.count < chunkBytes { try readMore(chunkBytes - pending.count) }
        var end = atEnd ? pending.count : Self.recordEnd(in: pending, last: true)
        while end == 0, !atEnd {
            try readMore(chunkBytes)
            end = atEnd ? pending.count : Self.recordEnd(in: pending, last: true)
        }
        guard end > 0 else { return nil }
        let chunk = Chunk(bytes: Array(pending[..<end]), firstLine: nextLine)
        pending.removeFirst(end)
        nextLine += Self.lineBreaks(chunk.bytes)
        largestChunk = max(largestChunk, end)
        return chunk
    }

    /// Appends up to `wanted` more bytes of the file to `pending` (fewer at the end of the file).
    private func readMore(_ wanted: Int) throws(NumericTableError) {
        let start = pending.count
        pending.append(contentsOf: repeatElement(0, count: wanted))
        let count = pending.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + start, wanted) }
        guard count >= 0 else { throw NumericTableError(path: path, reason: .unreadable(String(cString: strerror(errno)))) }
        pending.removeLast(wanted - count)
        if count == 0 { atEnd = true }
    }

    /// The position after the first (or `last`) line feed outside quotes in `bytes`, 0 when there is none.
    private static func recordEnd(in bytes: [UInt8], last: Bool) -> Int {
        var inside = false, end = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { inside.toggle() } else if byte == 0x0A, !inside {
                end = index + 1
                if !last { return end }
            }
        }
        return end
    }

    /// Line breaks in `bytes` as `CSVScanner` counts them: CR, LF and CRLF once each.
    private static func lineBreaks(_ bytes: [UInt8]) -> Int {
        var count = 0, previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { count += 1 }
            previous = byte
        }
        return count
    }
}
