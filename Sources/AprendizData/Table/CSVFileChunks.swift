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
///
/// Limits (issue #21, "a 1 GB line … a clear thrown error before any large allocation"): the header and every record
/// longer than a piece are read on, a piece at a time, only while they keep the in-memory reader's limits
/// (``Limits``); a field past `fieldBytes` (counted with its quotes, less those two), a header of more than `columns`
/// names or a record of more fields than the header throws a ``NumericTableError`` naming the file, the record's line
/// and the limit, having held at most one piece more than the limit.
final class CSVFileChunks {
    /// A piece of the body: whole records, and the 1-based line of its first byte.
    struct Chunk {
        var bytes: [UInt8]
        var firstLine: Int
    }

    /// The in-memory reader's limits (``CSVReadOptions/maximumFieldBytes``, ``CSVReadOptions/maximumColumns``).
    struct Limits {
        var fieldBytes: Int
        var columns: Int
    }

    let path: String
    let chunkBytes: Int
    /// The field separator: given, or detected from the file's first 64 KiB as ``Table/readCSV(_:options:)`` does.
    private(set) var delimiter: UInt8 = 0x2C
    /// The header record with its line break (and the byte-order mark, if any).
    private(set) var header: [UInt8] = []
    /// The line breaks in ``header``.
    private(set) var headerLineBreaks = 0
    /// The largest piece returned so far, in bytes.
    private(set) var largestChunk = 0
    private let limits: Limits
    /// The fields of the header record.
    private var headerColumns = 0
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var atEnd = false
    private var nextLine = 1

    /// Opens `path` and reads its header record.
    /// - Parameter delimiter: nil to detect it.
    /// - Throws: ``NumericTableError/Reason/unreadable(_:)`` with the system's message; ``NumericTableError/Reason/malformed(line:message:)``
    ///   for a header past ``Limits``.
    init(path: String, chunkBytes: Int, delimiter: UInt8?, decimalSeparator: UInt8, limits: Limits) throws(NumericTableError) {
        self.path = path
        self.chunkBytes = max(chunkBytes, 64)
        self.limits = limits
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw NumericTableError(path: path, reason: .unreadable(String(cString: strerror(errno)))) }
        let sniffed = 3 + (1 << 16)  // a byte-order mark and the 64 KiB DelimiterDetection reads
        while !atEnd, pending.count < sniffed { try readMore(sniffed - pending.count) }
        self.delimiter = delimiter ?? DelimiterDetection.detect(in: ReadOnlyBytes(copying: pending), decimalSeparator: decimalSeparator)
        let (end, fields) = try recordEndReadingMore(fieldsAllowed: limits.columns, isHeader: true)
        headerColumns = fields
        header = Array(pending[..<end])
        pending.removeFirst(end)
        headerLineBreaks = Self.lineBreaks(header)
        nextLine += headerLineBreaks
    }

    deinit { close(descriptor) }

    /// The next piece of whole records, or nil at the end of the file.
    func next() throws(NumericTableError) -> Chunk? {
        while !atEnd, pending.count < chunkBytes { try readMore(chunkBytes - pending.count) }
        if pending.isEmpty { return nil }
        // (`pending` may hold more than a piece: the first 64 KiB, read for the delimiter.)
        var end = atEnd && pending.count <= chunkBytes ? pending.count : Self.lastRecordEnd(in: pending[..<min(pending.count, chunkBytes)])
        if end == 0 { end = try recordEndReadingMore(fieldsAllowed: headerColumns, isHeader: false).end }
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

    /// The position after the first line feed outside quotes in `pending` (which starts at a record boundary), reading
    /// more of the file until there is one (the end of the file when none), and that record's fields — the path of
    /// the header and of a record longer than a piece, so the limits are checked as the bytes arrive.
    /// - Throws: for a field longer than `limits.fieldBytes` or more than `fieldsAllowed` fields, at the record's line.
    private func recordEndReadingMore(fieldsAllowed: Int, isHeader: Bool) throws(NumericTableError) -> (end: Int, fields: Int) {
        let longest = limits.fieldBytes + 2  // a quoted field's quotes are not counted by the in-memory reader
        var inside = false, fields = 1, fieldStart = 0, index = 0
        while true {
            while index < pending.count {
                let byte = pending[index]
                index += 1
                if byte == 0x22 {
                    inside.toggle()
                    continue
                }
                guard !inside, byte == delimiter || byte == 0x0A || byte == 0x0D else { continue }
                if index - 1 - fieldStart > longest { throw tooLong(field: true, isHeader: isHeader, allowed: fieldsAllowed) }
                if byte == 0x0A { return (index, fields) }
                if byte == delimiter {
                    fields += 1
                    if fields > fieldsAllowed { throw tooLong(field: false, isHeader: isHeader, allowed: fieldsAllowed) }
                } else {
                    fields = 1  // a lone CR ends a record for the reader (this piece then goes on to a line feed)
                }
                fieldStart = index
            }
            if pending.count - fieldStart > longest { throw tooLong(field: true, isHeader: isHeader, allowed: fieldsAllowed) }
            if atEnd { return (pending.count, fields) }
            try readMore(chunkBytes)
        }
    }

    /// The error for a field past the limit (`field`) or a record of more than `allowed` fields, at the pending
    /// record's line; the header's messages are the in-memory reader's.
    private func tooLong(field: Bool, isHeader: Bool, allowed: Int) -> NumericTableError {
        let message = field
            ? "a field longer than the reader's limit of \(limits.fieldBytes) bytes (CSVReadOptions.maximumFieldBytes)"
            : isHeader ? "more than \(allowed) columns in the header (the reader's limit, CSVReadOptions.maximumColumns)"
            : "more than the header's \(allowed) fields in a record"
        return NumericTableError(path: path, reason: .malformed(line: nextLine, message: message))
    }

    /// The position after the last line feed outside quotes in `bytes`, 0 when there is none.
    private static func lastRecordEnd(in bytes: ArraySlice<UInt8>) -> Int {
        var inside = false, end = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { inside.toggle() } else if byte == 0x0A, !inside { end = index + 1 }
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
