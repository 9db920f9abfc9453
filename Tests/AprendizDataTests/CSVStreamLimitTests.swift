import Foundation
import Testing
@testable import AprendizData

/// The streaming readers (``CSVTableStream``, ``CSVBatchStream``, over `CSVFileChunks`) keep the in-memory reader's
/// limits (issue #21: "a 1 GB line … a clear thrown error before any large allocation"): a record longer than a chunk
/// is read on only while its fields keep ``CSVReadOptions/maximumFieldBytes`` and its field count the header's; the
/// header keeps ``CSVReadOptions/maximumColumns``. Limits and chunks are set small to run the path a 1 GB line takes.
/// Expected lines and messages come from how each file is built.
@Suite struct CSVStreamLimitTests {
    /// A header `a,b`, records 1…50 on lines 2–51, then `7,<field>` on line 52 and `8,9` on line 53.
    static func table(field: String) -> String {
        "a,b\n" + (1...50).map { "\($0),\($0)" }.joined(separator: "\n") + "\n7," + field + "\n8,9\n"
    }

    static func options(fieldBytes: Int = 1 << 24, columns: Int = 1 << 22) -> CSVReadOptions {
        var options = CSVReadOptions(delimiter: ",")
        options.maximumFieldBytes = fieldBytes
        options.maximumColumns = columns
        return options
    }

    @Test(arguments: [false, true])
    func aFieldPastTheLimitStopsTheStreamAtItsLine(quoted: Bool) throws {
        let digits = String(repeating: "9", count: 5000)
        let field = quoted ? "\"" + digits + "\"" : digits
        let options = Self.options(fieldBytes: 1000)
        try CSVTableStreamTests.withFile(Self.table(field: field)) { url in
            let expected = NumericTableError(path: url.path, reason: .malformed(
                line: 52, message: "a field longer than the reader's limit of 1000 bytes (CSVReadOptions.maximumFieldBytes)"))
            #expect(throws: expected) { _ = try CSVTableStream(url, options: options, chunkBytes: 256) }
            #expect(throws: expected) { _ = try CSVBatchStream(url, target: "b", options: options, chunkBytes: 256) }
            // The file read whole stops at the same line and limit (with the field's length, which it has read).
            #expect(throws: NumericTableError(path: url.path, reason: .malformed(
                line: 52, message: "a field of 5000 bytes, more than the reader's limit of 1000 (CSVReadOptions.maximumFieldBytes)"))) {
                _ = try Table.readCSV(url, options: options)
            }
            // Within the limit, the long record is one larger chunk, and every row reads.
            let fits = try CSVTableStream(url, options: Self.options(fieldBytes: 5000), chunkBytes: 256)
            #expect(fits.rowCount == 52)
            #expect(fits.largestChunkBytes >= 5000)
        }
    }

    @Test func aRecordOfMoreFieldsThanTheHeaderStopsTheStream() throws {
        let text = "a,b\n1,2\n" + String(repeating: "1,", count: 2000) + "1\n3,4\n"
        try CSVTableStreamTests.withFile(text) { url in
            #expect(throws: NumericTableError(path: url.path, reason: .malformed(
                line: 3, message: "more than the header's 2 fields in a record"))) {
                _ = try CSVTableStream(url, options: Self.options(), chunkBytes: 256)
            }
            // Shorter than a chunk, the same record is the in-memory reader's field-count error.
            #expect(throws: NumericTableError(path: url.path, reason: .wrongFieldCount(line: 3, expected: 2, actual: 2001))) {
                _ = try CSVTableStream(url, options: Self.options(), chunkBytes: 1 << 16)
            }
        }
    }

    @Test func aHeaderPastTheLimitsStopsTheStreamAtLineOne() throws {
        let wide = (0..<11).map { "c\($0)" }.joined(separator: ",") + "\n" + (0..<11).map(String.init).joined(separator: ",") + "\n"
        try CSVTableStreamTests.withFile(wide) { url in
            let expected = NumericTableError(path: url.path, reason: .malformed(
                line: 1, message: "more than 10 columns in the header (the reader's limit, CSVReadOptions.maximumColumns)"))
            #expect(throws: expected) { _ = try CSVTableStream(url, options: Self.options(columns: 10), chunkBytes: 64) }
            #expect(throws: expected) { _ = try Table.readCSV(url, options: Self.options(columns: 10)) }  // the same error
            let fits = try CSVTableStream(url, options: Self.options(columns: 11), chunkBytes: 64)
            #expect(fits.columns.count == 11)
        }
        let longName = "a," + String(repeating: "h", count: 300) + "\n1,2\n"
        try CSVTableStreamTests.withFile(longName) { url in
            #expect(throws: NumericTableError(path: url.path, reason: .malformed(
                line: 1, message: "a field longer than the reader's limit of 100 bytes (CSVReadOptions.maximumFieldBytes)"))) {
                _ = try CSVTableStream(url, options: Self.options(fieldBytes: 100), chunkBytes: 64)
            }
        }
    }
}
