import Foundation
import Testing
@testable import AprendizData

/// The CSV reader's limits against hostile tables (issue #21: "a 1 GB line, 10⁶ columns — a clear thrown error naming
/// the file, checked before any large allocation"): a field longer than ``CSVReadOptions/maximumFieldBytes`` and a
/// header wider than ``CSVReadOptions/maximumColumns`` throw ``NumericTableError`` naming the file and the line before
/// the field is copied or more names are kept; 10⁶ columns, under the default limit, read. The limits are set small
/// here to run the same code path as the 1 GB files measured in the README (Reliability), which are not committed.
/// Expected values come from how each input is built.
@Suite struct CSVReaderLimitTests {
    /// A table whose `b` cell on line 3 has `length` bytes of text (quoted, with a line break inside, when `quoted`).
    /// Text, not digits: a plain number is parsed in place without being copied, whatever its length.
    static func table(fieldLength length: Int, quoted: Bool = false) -> String {
        let field = quoted ? "\"" + String(repeating: "x", count: length - 1) + "\n\"" : String(repeating: "x", count: length)
        return "a,b\n1,2\n3,\(field)\n5,6\n"
    }

    static func limited(field: Int = 1 << 24, columns: Int = 1 << 22) -> CSVReadOptions {
        var options = CSVReadOptions(delimiter: ",")
        options.maximumFieldBytes = field
        options.maximumColumns = columns
        return options
    }

    @Test func aFieldAtTheLimitReads() throws {
        let table = try Table.readCSV(text: Self.table(fieldLength: 64), path: "long.csv", options: Self.limited(field: 64))
        #expect(table.rowCount == 3)
        let quoted = try Table.readCSV(text: Self.table(fieldLength: 64, quoted: true), path: "long.csv", options: Self.limited(field: 64))
        #expect(quoted.rowCount == 3)
    }

    @Test(arguments: [false, true], [1, 2])
    func aFieldOverTheLimitNamesTheFileAndLine(quoted: Bool, threads: Int) {
        var options = Self.limited(field: 64)
        options.threads = threads
        options.minimumChunkBytes = 8
        let expected = NumericTableError(path: "long.csv", reason: .malformed(
            line: 3, message: "a field of 65 bytes, more than the reader's limit of 64 (CSVReadOptions.maximumFieldBytes)"))
        #expect(throws: expected) {
            try Table.readCSV(text: Self.table(fieldLength: 65, quoted: quoted), path: "long.csv", options: options)
        }
    }

    /// A field of digits is read by the plain-number path, not as text: past the limit it is the same error, and the
    /// parser reads at most the limit's bytes of it (a 1 GB field of digits once reached 3.2 GB resident before its
    /// error, the parser's slow path copying every digit before the length check).
    @Test(arguments: [1, 2])
    func aNumberOverTheLimitNamesTheFileAndLine(threads: Int) throws {
        var options = Self.limited(field: 64)
        options.threads = threads
        options.minimumChunkBytes = 8
        // `0.777…`: 2 + `sevens` bytes, more than 19 digits, so the parser's slow path.
        let table = { (sevens: Int) in "a,b\n1,2\n3,0." + String(repeating: "7", count: sevens) + "\n5,6\n" }
        #expect(throws: NumericTableError(path: "n.csv", reason: .malformed(
            line: 3, message: "a field of 65 bytes, more than the reader's limit of 64 (CSVReadOptions.maximumFieldBytes)"))) {
            try Table.readCSV(text: table(63), path: "n.csv", options: options)
        }
        // 0.777… to 62 digits rounds to the Float nearest 7/9 (they differ by 10⁻⁶², far below half a unit).
        let fits = try Table.readCSV(text: table(62), path: "n.csv", options: options)
        #expect(try fits.column(named: "b").values == .numeric([2, Float(7.0 / 9.0), 6]))
    }

    /// The scanner's plain-number path itself: at most `maximumBytes` of a number are read, a longer one is declined
    /// (nil, nothing consumed) for the general scanner, which measures the field.
    @Test func thePlainNumberPathIsBounded() {
        let digits = Array("0.".utf8) + Array(repeating: UInt8(ascii: "1"), count: 38) + [UInt8(ascii: ",")]
        digits.withUnsafeBufferPointer { buffer in
            var value: Float = 0
            var scanner = CSVScanner(base: buffer.baseAddress!, range: 0..<buffer.count, delimiter: 0x2C)
            #expect(scanner.nextPlainNumber(decimalSeparator: 0x2E, maximumBytes: 39, &value) == nil)
            #expect(scanner.position == 0)
            #expect(scanner.nextPlainNumber(decimalSeparator: 0x2E, maximumBytes: 40, &value) == .delimiter)
            #expect(scanner.position == 41)
            #expect(value == Float(1.0 / 9.0))  // 0.111… to 38 digits, 10⁻³⁹ from 1/9
        }
    }

    @Test func aHeaderNameOverTheLimitIsLineOne() {
        let text = "a," + String(repeating: "h", count: 65) + "\n1,2\n"
        let expected = NumericTableError(path: "h.csv", reason: .malformed(
            line: 1, message: "a field of 65 bytes, more than the reader's limit of 64 (CSVReadOptions.maximumFieldBytes)"))
        #expect(throws: expected) { try Table.readCSV(text: text, path: "h.csv", options: Self.limited(field: 64)) }
    }

    /// The default limit (16 MiB) through the public ``NumericTable`` API, which has no options.
    @Test func theDefaultFieldLimitHoldsForNumericTables() {
        let limit = CSVReadOptions().maximumFieldBytes
        #expect(limit == 1 << 24)
        let text = Self.table(fieldLength: limit + 1)
        #expect(throws: NumericTableError(path: "n.csv", reason: .malformed(
            line: 3, message: "a field of \(limit + 1) bytes, more than the reader's limit of \(limit) (CSVReadOptions.maximumFieldBytes)"))) {
            try NumericTable(csv: text, path: "n.csv")
        }
    }

    @Test func aHeaderWiderThanTheLimitIsAnError() throws {
        let names = (0..<11).map { "c\($0)" }
        let row = (0..<11).map(String.init).joined(separator: ",")
        let text = names.joined(separator: ",") + "\n" + row + "\n"
        #expect(throws: NumericTableError(path: "w.csv", reason: .malformed(
            line: 1, message: "more than 10 columns in the header (the reader's limit, CSVReadOptions.maximumColumns)"))) {
            try Table.readCSV(text: text, path: "w.csv", options: Self.limited(columns: 10))
        }
        let fits = try Table.readCSV(text: text, path: "w.csv", options: Self.limited(columns: 11))
        #expect(fits.columnNames == names)
    }

    /// 2²² + 1 one-letter names (8 MiB of header): the default column limit stops the header before the duplicate
    /// names are even compared.
    @Test func theDefaultColumnLimitStopsAHugeHeader() {
        let limit = CSVReadOptions().maximumColumns
        #expect(limit == 1 << 22)
        let text = String(repeating: "c,", count: limit) + "c\n"
        #expect(throws: NumericTableError(path: "wide.csv", reason: .malformed(
            line: 1, message: "more than \(limit) columns in the header (the reader's limit, CSVReadOptions.maximumColumns)"))) {
            try NumericTable(csv: text, path: "wide.csv")
        }
    }

    /// 10⁶ columns and two rows, cell (r, i) = (7i + r) mod 10: under the limit, it reads, typed and numeric.
    @Test func aMillionColumnsRead() throws {
        let count = 1_000_000
        var text = (0..<count).map { "c\($0)" }.joined(separator: ",") + "\n"
        for r in 0..<2 { text += (0..<count).map { String((7 * $0 + r) % 10) }.joined(separator: ",") + "\n" }
        let table = try Table.readCSV(text: text, path: "million.csv", options: CSVReadOptions(delimiter: ","))
        #expect(table.columns.count == count && table.rowCount == 2)
        for i in [0, 1, 499_999, 999_999] {
            #expect(try table.column(named: "c\(i)").values == .numeric([Float((7 * i) % 10), Float((7 * i + 1) % 10)]))
        }
        let numeric = try NumericTable(csv: text, path: "million.csv")
        #expect(numeric.columnCount == count && numeric.rowCount == 2)
        #expect(numeric.values[count + 999_999] == Float((7 * 999_999 + 1) % 10))
    }

    /// `ColumnInference.trimmed` (Swift, by scalars) against Foundation's `trimmingCharacters(in:
    /// .whitespacesAndNewlines)`, which it replaced for speed: every `White_Space` scalar on either side, a combining
    /// mark after a space (one `Character`, two scalars), inner spaces kept, all-space or empty cells, and U+200B,
    /// which Foundation on Linux trims though Unicode does not call it white space.
    @Test func trimmingMatchesFoundation() {
        let spaces: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}",
                                        "\u{2000}", "\u{2005}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}",
                                        "\u{205F}", "\u{3000}", "\u{200B}"]
        var cases = ["", "a", " a b ", "   ", " \u{301}x", "x \u{301}", "\u{200B}x\u{200B}", "ótimo", "\u{FEFF}NA "]
        for space in spaces {
            let s = String(Character(space))
            cases += [s, s + "NA", "NA" + s, s + "a" + s + "b" + s]
        }
        for text in cases {
            #expect(ColumnInference.trimmed(text).unicodeScalars.elementsEqual(
                text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
