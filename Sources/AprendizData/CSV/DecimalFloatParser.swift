/// Decimal text → `Float`, correctly rounded (to nearest, ties to even), without going through `Double`.
///
/// Why not `Float(String)`: it needs a `String` per cell and costs ~100 ns; this parser reads the bytes in place.
/// Why not parse a `Double` and round it: that rounds twice and can miss by one unit —
/// `1.0000000596046448` is just above the midpoint between the Floats 1 and 1 + 2⁻²³, but the nearest Double is
/// the midpoint itself, which then rounds to even (1). Here every input rounds once:
/// ```
/// text = ±w × 10^q     (w: up to 19 significant digits, q: the decimal exponent)
/// 1. Clinger's fast path: w ≤ 2²⁴ and |q| ≤ 10 → Float(w) × 10^q or Float(w) / 10^−q, both operands exact,
///    so the single IEEE operation rounds correctly.
/// 2. Eisel–Lemire: the top bits of w × 5^q from a 128-bit table (PowersOfFive), shifted and rounded to 24 bits;
///    exact unless the truncated product is within one unit of a rounding boundary.
/// 3. Otherwise (more than 19 digits, or an ambiguous product): Swift's `Float(Substring)` (the C library's
///    correctly rounded strtof).
/// ```
/// Reference: D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51 (2021),
/// and the fast_float library (`compute_float`, `binary_format<float>`), followed step by step.
/// Grammar: optional spaces, optional `+`/`-`, digits with an optional decimal separator (`.` or `,`) and at least
/// one digit, optional `e`/`E` with optional sign and digits, optional spaces. `nan`, `inf`, hexadecimal and
/// values beyond ±Float.greatestFiniteMagnitude give nil (not a finite number); values below the smallest
/// subnormal round to ±0.
enum DecimalFloatParser {
    /// Parses `bytes[start..<end]`; nil when it is not a finite decimal number.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, decimalSeparator: UInt8) -> Float? {
        var p = start
        var stop = end
        while p < stop, p.pointee == 0x20 || p.pointee == 0x09 { p += 1 }
        while stop > p, stop[-1] == 0x20 || stop[-1] == 0x09 || stop[-1] == 0x0A || stop[-1] == 0x0D { stop -= 1 }
        guard p < stop, let (value, numberEnd) = parsePrefix(p, stop, decimalSeparator: decimalSeparator),
              numberEnd == stop else { return nil }
        return value
    }

    /// Reads the number that starts at `start` (no leading space) and ends at the first byte that cannot continue
    /// it: nil when none starts there, else its value (nil when not finite, or when an `e` has no exponent digits)
    /// and where it ends.
    @inline(__always)
    static func parsePrefix(_ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>,
                            decimalSeparator: UInt8) -> (value: Float?, end: UnsafePointer<UInt8>)? {
        var p = start
        guard p < stop else { return nil }
        let textStart = p
        var negative = false
        if p.pointee == 0x2D || p.pointee == 0x2B {  // - +
            negative = p.pointee == 0x2D
            p += 1
        }
        // Digits accumulate without checks (w wraps past 19 digits; then the count below sends it to the slow path).
        var w: UInt64 = 0
        let integerStart = p
        while p < stop, case let d = p.pointee &- 0x30, d < 10 {
            w = w &* 10 &+ UInt64(d)
            p += 1
        }
        var digitCount = p - integerStart
        var exponent = 0
        if p < stop, p.pointee == decimalSeparator {
            p += 1
            let fractionStart = p
            while p < stop, case let d = p.pointee &- 0x30, d < 10 {
                w = w &* 10 &+ UInt64(d)
                p += 1
            }
            exponent = fractionStart - p
            digitCount += p - fractionStart
        }
        guard digitCount > 0 else { return nil }
        let mantissaEnd = p
        if p + 1 < stop, p.pointee | 0x20 == 0x65 {  // e E, then at least one digit (else the number ends before e)
            var q = p + 1
            var exponentNegative = false
            if q < stop, q.pointee == 0x2D || q.pointee == 0x2B {
                exponentNegative = q.pointee == 0x2D
                q += 1
            }
            guard q < stop, q.pointee &- 0x30 < 10 else { return (nil, p) }
            p = q
            var e = 0
            while p < stop, case let d = p.pointee &- 0x30, d < 10 {
                if e < 100_000 { e = e * 10 + Int(d) }
                p += 1
            }
            exponent += exponentNegative ? -e : e
        }
        let magnitude: Float?
        if digitCount > 19, Self.significantDigits(integerStart, mantissaEnd) > 19 {
            // The slow path reads the sign itself.
            return (slowPath(textStart, p, decimalSeparator: decimalSeparator).flatMap { $0.isFinite ? $0 : nil }, p)
        } else if w <= 1 << 24, exponent >= -10, exponent <= 10 {
            let power = powersOfTen[abs(exponent)]
            let value = exponent < 0 ? Float(w) / power : Float(w) * power
            return (negative ? -value : value, p)
        } else {
            magnitude = eiselLemire(w: w, q: exponent) ?? slowPath(textStart, p, decimalSeparator: decimalSeparator).map(abs)
        }
        guard let magnitude, magnitude.isFinite else { return (nil, p) }
        return (negative ? -magnitude : magnitude, p)
    }

    /// The digits of `start..<end` after the leading zeros (which add nothing to w).
    private static func significantDigits(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var p = start
        while p < end, p.pointee == 0x30 || p.pointee &- 0x30 >= 10 { p += 1 }
        var count = 0
        while p < end {
            if p.pointee &- 0x30 < 10 { count += 1 }
            p += 1
        }
        return count
    }

    /// 10⁰ … 10¹⁰, each exact in `Float`.
    private static let powersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// w × 10^q rounded to `Float` (w < 10¹⁹·²), or nil when 128 bits of 5^q cannot decide the rounding.
    static func eiselLemire(w: UInt64, q: Int) -> Float? {
        if w == 0 || q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return .infinity }
        let mantissaBits = 23
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << leadingZeros
        let power = PowersOfFive.table[q - PowersOfFive.smallestExponent]
        var (high, low) = normalized.multipliedFullWidth(by: power.high)
        let precisionMask = UInt64.max >> (mantissaBits + 3)
        if high & precisionMask == precisionMask {
            // The truncated product may be just below a boundary: add the contribution of the table's low word.
            let second = normalized.multipliedFullWidth(by: power.low)
            let (sum, carry) = low.addingReportingOverflow(second.high)
            low = sum
            if carry { high &+= 1 }
            if high & precisionMask == precisionMask && low == UInt64.max { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = upperBit + 64 - mantissaBits - 3
        var mantissa = high >> UInt64(shift)
        // ⌊log2(10^q)⌋ + 63, the binary exponent of the normalised product, biased.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 127
        if power2 <= 0 {  // subnormal or zero
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << mantissaBits) ? 0 : 1
            return Float(sign: .plus, exponentBitPattern: UInt(power2),
                         significandBitPattern: UInt32(truncatingIfNeeded: mantissa) & ((1 << 23) - 1))
        }
        // An exact halfway case (only possible for small |q|): the product has no bits below the mantissa's
        // rounding bit, so round to even instead of up.
        if low <= 1, q >= -17, q <= 10, mantissa & 3 == 1, mantissa << UInt64(shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << mantissaBits {
            mantissa = 1 << mantissaBits
            power2 += 1
        }
        mantissa &= ~(1 << mantissaBits)
        if power2 >= 0xFF { return .infinity }
        return Float(sign: .plus, exponentBitPattern: UInt(power2), significandBitPattern: UInt32(mantissa))
    }

    /// The C library's correctly rounded conversion, for what the fast paths leave (decimal comma made a point).
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                                 decimalSeparator: UInt8) -> Float? {
        var bytes = Array(UnsafeBufferPointer(start: start, count: end - start))
        if decimalSeparator != 0x2E {
            for i in bytes.indices where bytes[i] == decimalSeparator { bytes[i] = 0x2E }
        }
        return Float(String(decoding: bytes, as: UTF8.self))
    }
}
