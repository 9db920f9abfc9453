/// The fast path for the numbers a numeric table is made of: `[-]d…d[.d…d]` with 1–7 integer and 0–7 fraction
/// digits (`-1.714061`, `0.53`, `7`), read eight bytes at a time (SWAR — SIMD within a 64-bit register).
///
/// ```
/// word  = the 8 bytes after the sign (little-endian: the first byte is the lowest)
/// n₁    = leading digits of word            (a byte b is a digit ⇔ b >> 4 == 3 and (b & 15) + 6 < 16)
/// word′ = the 8 bytes after the separator;  n₂ = its leading digits
/// w     = eight(word, n₁) × 10^n₂ + eight(word′, n₂),   q = −n₂
/// eight(x, n): the n digits shifted to the top of x (zeros below), then 8 digits in 3 multiplications
///              (Lemire's `parse_eight_digits_unrolled`, fast_float)
/// ```
/// w < 10¹⁴, so the value goes through the same rounding steps as ``DecimalFloatParser/parsePrefix(_:_:decimalSeparator:)``
/// — Clinger's fast path when w ≤ 2²⁴, else Eisel–Lemire — and is correctly rounded. Anything else (a `+`, an
/// exponent, eight or more digits in a part, no integer digit, an Eisel–Lemire product too close to a boundary)
/// gives nil, and the caller parses the field with the general parser. Reads 18 bytes from `start`, which must
/// all be readable (the caller checks).
extension DecimalFloatParser {
    /// The bytes this fast path may read from its start.
    static let shortFormLookahead = 18

    /// Parses a short number at `start`: its value and the position after it, or nil when it is not of the short
    /// form (the caller falls back to the general parser; nothing is consumed).
    @inline(__always)
    static func parseShort(_ start: UnsafePointer<UInt8>, decimalSeparator: UInt8) -> (value: Float, end: UnsafePointer<UInt8>)? {
        let negative = start.pointee == 0x2D
        let integer = negative ? start + 1 : start
        let integerWord = UnsafeRawPointer(integer).loadUnaligned(as: UInt64.self)
        let integerDigits = leadingDigits(integerWord)
        guard integerDigits > 0, integerDigits < 8 else { return nil }
        var w = UInt64(eightDigits(integerWord, count: integerDigits))
        var p = integer + integerDigits
        var fractionDigits = 0
        if p.pointee == decimalSeparator {
            let fractionWord = UnsafeRawPointer(p + 1).loadUnaligned(as: UInt64.self)
            fractionDigits = leadingDigits(fractionWord)
            guard fractionDigits < 8 else { return nil }
            if fractionDigits > 0 {
                w = w &* powersOfTenInteger[fractionDigits] &+ UInt64(eightDigits(fractionWord, count: fractionDigits))
            }
            p += 1 + fractionDigits
        }
        guard p.pointee | 0x20 != 0x65 else { return nil }  // e E: an exponent follows
        let magnitude: Float
        if w <= 1 << 24 {
            magnitude = Float(w) / shortPowersOfTen[fractionDigits]
        } else {
            guard let value = eiselLemire(w: w, q: -fractionDigits) else { return nil }
            magnitude = value
        }
        return (negative ? -magnitude : magnitude, p)
    }

    /// The number of leading bytes of `word` (in memory order) that are ASCII digits, 0…8.
    @inline(__always)
    static func leadingDigits(_ word: UInt64) -> Int {
        let highNibbleWrong = (word & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030
        let lowNibbleTooLarge = ((word & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        let notDigit = highNibbleWrong | lowNibbleTooLarge  // per byte: non-zero ⇔ not a digit (no carries between bytes)
        let flags = (((notDigit & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | notDigit) & 0x8080_8080_8080_8080
        return flags.trailingZeroBitCount >> 3
    }

    /// The value of the first `count` (1…8) bytes of `word`, all ASCII digits, the first byte the most significant.
    @inline(__always)
    static func eightDigits(_ word: UInt64, count: Int) -> UInt32 {
        // The digits' values moved to the top bytes; the bytes shifted in are zero digits in front of them.
        var value = (word &- 0x3030_3030_3030_3030) &<< UInt64(8 * (8 - count))
        value = value &* 10 &+ (value >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let low: UInt64 = (value & mask) &* 0x000F_4240_0000_0064          // 100 + 1 000 000 << 32
        let high: UInt64 = ((value >> 16) & mask) &* 0x0000_2710_0000_0001  // 1 + 10 000 << 32
        return UInt32(truncatingIfNeeded: (low &+ high) >> 32)
    }

    /// 10⁰ … 10⁷ as integers and as (exact) `Float`s.
    private static let powersOfTenInteger: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]
    private static let shortPowersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7]
}
