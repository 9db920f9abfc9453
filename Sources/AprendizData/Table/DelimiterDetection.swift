/// Guesses a CSV file's delimiter from its header line, as pandas' `sep=None` sniffing does for the common cases.
///
/// ```
/// delimiter = the most frequent of , ; tab outside quotes in the first line (ties: , before ; before tab)
///             ',' when none appears — ';' when the decimal separator is ','
/// ```
/// The decimal separator is never chosen: with decimal commas, `;` separates fields (the European convention).
enum DelimiterDetection {
    static func detect(in bytes: ReadOnlyBytes, decimalSeparator: UInt8) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09].filter { $0 != decimalSeparator }
        var counts = [Int](repeating: 0, count: candidates.count)
        var inside = false
        var p = bytes.count >= 3 && bytes.base[0] == 0xEF && bytes.base[1] == 0xBB && bytes.base[2] == 0xBF ? 3 : 0
        let limit = min(bytes.count, p + (1 << 16))
        while p < limit {
            let byte = bytes.base[p]
            if byte == 0x22 {
                inside.toggle()
            } else if !inside {
                if byte == 0x0A || byte == 0x0D { break }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
            p += 1
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
              counts[best] > 0 else { return candidates[0] }
        return candidates[best]
    }
}
