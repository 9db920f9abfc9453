import Foundation
import Testing
@testable import AprendizData
import AprendizTestSupport

/// The CSV reader's number parser against exact binary32 rounding computed with Python's `fractions`
/// (Tools/fixtures/generate_float_parsing.py): tricky strings (17-digit values just past a Float midpoint, where
/// rounding through Double fails; exact midpoints; subnormals; overflow; more than 19 digits) and random ones.
@Suite struct DecimalFloatParserTests {
    struct Case: Decodable {
        let text: String
        let bits: UInt32?
    }

    struct Fixture: Decodable {
        let cases: [Case]
        let decimalCommaCases: [Case]
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

    /// The double-rounding trap by hand: 1 + 2⁻²⁴ + 2.46·10⁻¹⁷ is above the midpoint of 1 and 1 + 2⁻²³, so the
    /// nearest Float is 1 + 2⁻²³; the nearest Double is the midpoint itself, which rounds (to even) to 1.
    @Test func roundsOnceNotThroughDouble() {
        #expect(Float(Double("1.0000000596046448")!) == 1)
        #expect(Self.parse("1.0000000596046448") == 1 + 0x1p-23)
        #expect(Self.parse("1.000000059604644775390625") == 1)  // the exact midpoint: ties to even
    }
}
