/// The fast path of ``PredictionRequest/decode(_:)``: a body that is exactly `{"inputs": [[n, …], …]}` with only
/// numbers, read in one pass over the bytes without building a JSON tree (the general decoder costs more than the
/// forward pass of a small network for a 784-pixel row). Anything else — another key, text, `null`, bad JSON —
/// returns nil, and the general decoder reads the body and names the problem.
///
/// Numbers follow JSON's grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. A number with at most 19
/// significant digits `m` and a decimal exponent `e` is `m · 10^e`, computed exactly-rounded when `m ≤ 2⁵³` and
/// `|e| ≤ 22` (Clinger's fast path: both factors are exact doubles, one multiplication or division rounds once);
/// any other number goes through `Double(String)` (correctly rounded strtod).
enum NumericRowsParser {
    /// The rows, or nil when the body is not of that exact form.
    static func parse(_ body: some Collection<UInt8>) -> [[Double]]? {
        let parsed: [[Double]]?? = body.withContiguousStorageIfAvailable { buffer in
            var parser = Cursor(bytes: buffer)
            return parser.document()
        }
        if let parsed { return parsed }
        return Array(body).withUnsafeBufferPointer { buffer in
            var parser = Cursor(bytes: buffer)
            return parser.document()
        }
    }

    /// Exact powers of ten as doubles (10⁰ … 10²²).
    private static let powers: [Double] = (0...22).map { (0..<$0).reduce(1.0) { x, _ in x * 10 } }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() -> [[Double]]? {
            guard take(UInt8(ascii: "{")), key("inputs"), take(UInt8(ascii: ":")), take(UInt8(ascii: "[")) else { return nil }
            var rows: [[Double]] = []
            if take(UInt8(ascii: "]")) { return take(UInt8(ascii: "}")) && end() ? rows : nil }
            repeat {
                guard let row = row() else { return nil }
                rows.append(row)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")), take(UInt8(ascii: "}")), end() else { return nil }
            return rows
        }

        private mutating func row() -> [Double]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var row: [Double] = []
            if take(UInt8(ascii: "]")) { return row }
            repeat {
                skipSpace()
                guard let x = number() else { return nil }
                row.append(x)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? row : nil
        }

        /// One JSON number at the cursor.
        private mutating func number() -> Double? {
            let start = i
            let negative = peek == UInt8(ascii: "-")
            if negative { i += 1 }
            var mantissa: UInt64 = 0, digits = 0, exponent = 0
            let integerStart = i
            while let d = digit() {
                if digits < 19 { mantissa = mantissa * 10 + d; if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            }
            let integerDigits = i - integerStart
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
            var exact = digits < 19
            if peek == UInt8(ascii: ".") {
                i += 1
                let fractionStart = i
                while let d = digit() {
                    if digits < 19 { mantissa = mantissa * 10 + d; if mantissa > 0 { digits += 1 }; exponent -= 1 } else { exact = false }
                }
                guard i > fractionStart else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                var sign = 1
                if peek == UInt8(ascii: "+") { i += 1 } else if peek == UInt8(ascii: "-") { sign = -1; i += 1 }
                let exponentStart = i
                var value = 0
                while let d = digit() { value = min(value * 10 + Int(d), 100_000) }
                guard i > exponentStart else { return nil }
                exponent += sign * value
            }
            if exact, mantissa <= 1 << 53, abs(exponent) <= 22 {
                let m = Double(mantissa)
                let x = exponent >= 0 ? m * NumericRowsParser.powers[exponent] : m / NumericRowsParser.powers[-exponent]
                return negative ? -x : x
            }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        private mutating func digit() -> UInt64? {
            guard let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            i += 1
            return UInt64(c - UInt8(ascii: "0"))
        }

        private mutating func skipSpace() {
            while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 }
        }

        /// Skips white space, then takes `byte` if it is next.
        private mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard peek == byte else { return false }
            i += 1
            return true
        }

        /// `"name"` (no escapes).
        private mutating func key(_ name: String) -> Bool {
            guard take(UInt8(ascii: "\"")) else { return false }
            for c in name.utf8 {
                guard peek == c else { return false }
                i += 1
            }
            guard peek == UInt8(ascii: "\"") else { return false }
            i += 1
            return true
        }

        private mutating func end() -> Bool {
            skipSpace()
            return i == bytes.count
        }
    }
}
