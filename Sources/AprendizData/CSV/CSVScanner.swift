import Foundation

/// Splits a range of CSV bytes into fields and records (RFC 4180, <https://www.rfc-editor.org/rfc/rfc4180>).
///
/// Syntax accepted:
/// ```
/// record     = field *(delimiter field) (CRLF | LF | CR | end of input)
/// field      = *WSP quoted *WSP | unquoted          WSP: space (and tab unless tab is the delimiter)
/// quoted     = '"' *(any byte but '"' | '""') '"'   ('""' is one quote; newlines allowed inside)
/// unquoted   = *(any byte but delimiter, '"', CR, LF)
/// ```
/// A quote inside an unquoted field, text after a closing quote, or a quote never closed is a syntax error (as
/// Python's `csv` module with `strict=True`). Line numbers count every CR, LF or CRLF, inside quotes too.
///
/// Speed: the end of an unquoted field is found eight bytes at a time (SWAR — SIMD within a 64-bit register:
/// each byte XOR-ed with the searched byte, then the classic "has a zero byte" test, Mycroft 1987), so a field
/// costs about one load and a dozen integer operations instead of one comparison chain per byte.
struct CSVScanner {
    /// One field: bytes `start..<end` of the buffer (inside the quotes when quoted).
    struct Field {
        var start = 0
        var end = 0
        var quoted = false
        /// True when the quoted content holds `""` (to be unescaped to `"` when read as text).
        var escapedQuotes = false
    }

    /// What ended a field.
    enum Ending { case delimiter, record }

    /// A syntax error at `offset` (a byte position in the buffer).
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    let base: UnsafePointer<UInt8>
    /// The next byte to read.
    var position: Int
    /// One past the last byte this scanner may read.
    let end: Int
    let delimiter: UInt8
    /// Line breaks passed so far (CR, LF or CRLF each count once).
    var lineBreaks = 0

    private let delimiterPattern: UInt64

    init(base: UnsafePointer<UInt8>, range: Range<Int>, delimiter: UInt8) {
        self.base = base
        self.position = range.lowerBound
        self.end = range.upperBound
        self.delimiter = delimiter
        self.delimiterPattern = UInt64(delimiter) &* Self.ones
    }

    var atEnd: Bool { position >= end }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let quotePattern = 0x22 &* ones
    static let lineFeedPattern = 0x0A &* ones
    static let returnPattern = 0x0D &* ones

    /// High bit of each byte of `word` equal to the byte in `pattern`; exact for the lowest such byte (borrows
    /// only make false positives above a true match).
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let t = word ^ pattern
        return (t &- ones) & ~t & highBits
    }

    @inline(__always)
    private func isSpecial(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    /// The first position at or after `from` holding the delimiter, a quote, CR or LF (or `end`).
    @inline(__always)
    private func nextSpecial(from start: Int) -> Int {
        var p = start
        while p + 8 <= end {
            let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            let found = Self.matches(word, delimiterPattern) | Self.matches(word, Self.quotePattern)
                | Self.matches(word, Self.lineFeedPattern) | Self.matches(word, Self.returnPattern)
            if found != 0 { return p + found.trailingZeroBitCount >> 3 }
            p += 8
        }
        while p < end, !isSpecial(base[p]) { p += 1 }
        return p
    }

    @inline(__always)
    private func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte == 0x09 && delimiter != 0x09)
    }

    /// Reads one field into `field` and returns what ended it (`.record` also at the end of the input).
    @inline(__always)
    mutating func nextField(_ field: inout Field) throws(SyntaxError) -> Ending {
        var p = position
        while p < end, isBlank(base[p]) { p += 1 }
        if p < end, base[p] == 0x22 { return try quotedField(openingQuote: p, &field) }
        p = nextSpecial(from: p)
        field.start = position
        field.end = p
        field.quoted = false
        field.escapedQuotes = false
        if p < end, base[p] == 0x22 {
            throw SyntaxError(offset: p, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
        }
        return finishField(at: p)
    }

    /// Reads the next field as a number when it is written plainly — no spaces, no quotes, a finite value — and
    /// followed directly by the delimiter, a line break or the end (the common case of a numeric table: one pass
    /// over the bytes instead of finding the field's end, then parsing it); otherwise reads nothing, returns nil.
    /// Short numbers (`-1.714061`) take ``DecimalFloatParser/parseShort(_:decimalSeparator:)`` when 18 bytes
    /// remain in the range; the rest, and the last few bytes, the general parser, which reads at most
    /// `maximumBytes`: a longer number (a 1 GB field of digits) is declined before the parser's slow path copies
    /// its digits, and the general scanner then reports the field as too long.
    @inline(__always)
    mutating func nextPlainNumber(decimalSeparator: UInt8, maximumBytes: Int, _ value: inout Float) -> Ending? {
        let number: Float, p: Int
        if end - position >= DecimalFloatParser.shortFormLookahead,
           let short = DecimalFloatParser.parseShort(base + position, decimalSeparator: decimalSeparator) {
            (number, p) = (short.value, short.end - base)
        } else {
            let stop = end - position > maximumBytes ? position + maximumBytes : end
            guard let (parsed, numberEnd) = DecimalFloatParser.parsePrefix(base + position, base + stop,
                                                                           decimalSeparator: decimalSeparator),
                  let parsed else { return nil }
            (number, p) = (parsed, numberEnd - base)
        }
        if p < end {
            let byte = base[p]
            guard byte == delimiter || byte == 0x0A || byte == 0x0D else { return nil }
        }
        value = number
        return finishField(at: p)
    }

    /// After a field's content: consumes the delimiter or the line break at `p`.
    @inline(__always)
    private mutating func finishField(at p: Int) -> Ending {
        guard p < end else {
            position = end
            return .record
        }
        let byte = base[p]
        if byte == delimiter {
            position = p + 1
            return .delimiter
        }
        position = byte == 0x0D && p + 1 < end && base[p + 1] == 0x0A ? p + 2 : p + 1
        lineBreaks += 1
        return .record
    }

    private mutating func quotedField(openingQuote: Int, _ field: inout Field) throws(SyntaxError) -> Ending {
        var p = openingQuote + 1
        field.start = p
        field.quoted = true
        field.escapedQuotes = false
        while true {
            guard p < end else { throw SyntaxError(offset: openingQuote, message: "a quoted field is never closed") }
            let byte = base[p]
            if byte == 0x22 {
                if p + 1 < end, base[p + 1] == 0x22 {
                    field.escapedQuotes = true
                    p += 2
                    continue
                }
                break
            }
            if byte == 0x0A || (byte == 0x0D && !(p + 1 < end && base[p + 1] == 0x0A)) { lineBreaks += 1 }
            p += 1
        }
        field.end = p
        p += 1
        while p < end, isBlank(base[p]) { p += 1 }
        if p < end, !isSpecial(base[p]) || base[p] == 0x22 {
            throw SyntaxError(offset: p, message: "text after the closing quote of a field")
        }
        return finishField(at: p)
    }

    /// The field's bytes as text: quotes unescaped; unquoted fields trimmed of spaces and tabs.
    func text(of field: Field) -> String {
        var start = field.start, stop = field.end
        if !field.quoted {
            while start < stop, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
            while stop > start, base[stop - 1] == 0x20 || base[stop - 1] == 0x09 { stop -= 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
        return field.escapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// True for an unquoted field with no bytes: with `.record` right after a line break or at the start, a
    /// blank line.
    func isEmpty(_ field: Field) -> Bool { !field.quoted && field.start == field.end }
}
