import Foundation
import Testing
@testable import AprendizData
import AprendizTestSupport

/// The CSV reader's number parser against exact binary32 rounding computed with Python's `fractions`
/// (Tools/fixtures/generate_float_parsing.py): tricky strings (17-digit values just past a Float midpoint, where
/// rounding through Double fails; exact midpoints; subnormals; overflow; more than 19 digits) and random ones; the
/// short-form fast path (`parseShort`) on short numbers of a table and on all of those.
@Suite struct DecimalFloatParserTests {
    struct Case: Decodable {
        let text: String
        let bits: UInt32?
    }

    struct Fixture: Decodable {
        let cases: [Case]
        let decimalCommaCases: [Case]
        let shortCases: [Case]
    }

    static let fixture = try! JSONDecoder().decode(
        Fixture.self, from: Data(contentsOf: ReferenceFixture.fixtureURL("float_parsing.json")))

    static func parse(_ text: String, decimalSeparator: UInt8 = 0x2E) -> Float? {
        var text = text
        return text.withUTF8 { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return DecimalFloatParser.parse(base, base + bytes.count, decimalSeparator: decimalSeparator)
        }
    }

    static func mismatches(_ cases: [Case], decimalSeparator: UInt8) -> [String] {
        cases.compactMap { item in
            let parsed = parse(item.text, decimalSeparator: decimalSeparator)
            guard parsed?.bitPattern != item.bits else { return nil }
            return "\(item.text): got \(parsed.map { String($0.bitPattern, radix: 16) } ?? "nil"), "
                + "expected \(item.bits.map { String($0, radix: 16) } ?? "nil")"
        }
    }

    @Test func matchesExactRoundingOnEveryFixtureString() {
        #expect(Self.fixture.cases.count > 3000)
        let wrong = Self.mismatches(Self.fixture.cases, decimalSeparator: 0x2E)
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.prefix(5))")
    }

    @Test func readsDecimalCommas() {
        let wrong = Self.mismatches(Self.fixture.decimalCommaCases, decimalSeparator: 0x2C)
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.prefix(5))")
        #expect(Self.parse("3,25", decimalSeparator: 0x2C) == 3.25)
        #expect(Self.parse("3.25", decimalSeparator: 0x2C) == nil)
    }

    /// `parseShort` on `text` followed by a delimiter and a record (as in a file: at least 18 readable bytes), next to
    /// the general parser on the same bytes: nil when it declines; else its value's bits, whether it read all of
    /// `text`, and whether the general parser reads the same prefix to the same value.
    static func short(_ text: String, decimalSeparator: UInt8) -> (bits: UInt32, whole: Bool, agrees: Bool)? {
        let delimiter = decimalSeparator == 0x2C ? ";" : ","
        let bytes = Array(text.utf8) + Array(((0..<9).map { "\(delimiter)\($0)" }.joined() + "\n").utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            guard let (value, end) = DecimalFloatParser.parseShort(base, decimalSeparator: decimalSeparator) else { return nil }
            let general = DecimalFloatParser.parsePrefix(base, base + buffer.count, decimalSeparator: decimalSeparator)
            let agrees = general?.end == end && general?.value?.bitPattern == value.bitPattern
            return (value.bitPattern, end - base == text.utf8.count, agrees)
        }
    }

    /// The fast path for short numbers (`-1.714061`) against exact rounding: on the short cases (random 1–7 + 0–7
    /// digit numbers, Float midpoints written in few digits, negative zeros, 8-digit parts, exponents) and on every
    /// other fixture string, with a decimal point and with a decimal comma. Where it takes a number it must give the
    /// exact bits and agree with the general parser; it must decline exponents, `+`, 8-digit parts and a missing
    /// integer digit, and take most short cases.
    @Test func shortFormMatchesExactRounding() {
        var taken = 0
        var wrong: [String] = []
        let commaShort = Self.fixture.shortCases.map { Case(text: $0.text.replacingOccurrences(of: ".", with: ","), bits: $0.bits) }
        for (cases, separator) in [(Self.fixture.shortCases + Self.fixture.cases, UInt8(0x2E)),
                                   (commaShort + Self.fixture.decimalCommaCases, UInt8(0x2C))] {
            for item in cases {
                guard let (bits, whole, agrees) = Self.short(item.text, decimalSeparator: separator) else { continue }
                taken += 1
                if !agrees || (whole && bits != item.bits) {
                    wrong.append("\(item.text): got \(String(bits, radix: 16)), expected \(item.bits.map { String($0, radix: 16) } ?? "nil")")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.prefix(5))")
        #expect(taken > 2 * 3000)
        for declined in ["1.5e3", "1.5E-3", "+1.5", ".5", "-.5", "12345678", "1.12345678", "1e7", " 1", "nan", ""] {
            #expect(Self.short(declined, decimalSeparator: 0x2E) == nil, "\(declined)")
        }
        #expect(Self.short("-0.000000", decimalSeparator: 0x2E)?.bits == (-Float(0)).bitPattern)
        #expect(Self.short("8388608.5", decimalSeparator: 0x2E)?.bits == Float(8_388_608).bitPattern)  // a midpoint: to even
    }

    /// The short cases as a CSV file of 4 columns, read whole by `NumericTable` and in 16 chunks by `Table`, with
    /// LF, CRLF and lone-CR line ends (lone CRs overflow the slices sized by line feeds) and blank lines (slices
    /// left part empty): every value the exact bits, in order.
    @Test func readerGivesExactBitsWithEveryLineEnd() throws {
        let valid = Self.fixture.shortCases.filter { $0.bits != nil }
        let rows = valid.count / 4
        let expected = valid.prefix(rows * 4).map(\.bits!)
        var chunked = CSVReadOptions(threads: 4)
        chunked.minimumChunkBytes = 1 << 10
        for lineEnd in ["\n", "\r\n", "\r", "\n\n"] {
            var text = "a,b,c,d" + lineEnd
            for row in 0..<rows {
                text += valid[(row * 4)..<(row * 4 + 4)].map(\.text).joined(separator: ",") + lineEnd
            }
            let whole = try NumericTable(csv: text)
            #expect(whole.values.map(\.bitPattern) == expected, "line end \(Array(lineEnd.utf8))")
            let table = try Table.readCSV(text: text, options: chunked)
            var byRow = [UInt32](repeating: 0, count: rows * 4)
            for (column, values) in table.columns.enumerated() {
                guard case .numeric(let numbers) = values.values else { Issue.record("column \(column) not numeric"); continue }
                for (row, value) in numbers.enumerated() { byRow[row * 4 + column] = value.bitPattern }
            }
            #expect(table.rowCount == rows && byRow == expected, "line end \(Array(lineEnd.utf8)), chunked")
        }
    }

    /// The double-rounding trap by hand: 1 + 2⁻²⁴ + 2.46·10⁻¹⁷ is above the midpoint of 1 and 1 + 2⁻²³, so the
    /// nearest Float is 1 + 2⁻²³; the nearest Double is the midpoint itself, which rounds (to even) to 1.
    @Test func roundsOnceNotThroughDouble() {
        #expect(Float(Double("1.0000000596046448")!) == 1)
        #expect(Self.parse("1.0000000596046448") == 1 + 0x1p-23)
        #expect(Self.parse("1.000000059604644775390625") == 1)  // the exact midpoint: ties to even
    }
}
