import Foundation

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// The elements printed like NumPy's `str(array)`: nested brackets, a common column width,
    /// fractions padded on the right (`[1.5  2.25 3.  ]`), scientific notation when magnitudes are
    /// very large or small, and `...` for tensors of more than 1000 elements (3 items at each edge).
    public var description: String {
        if rank == 0 { return TensorFormatter(values: [scalar]).format(scalar) }
        let summarise = count > 1000
        let formatter = TensorFormatter(values: summarise ? edgeValues() : scalars)
        var text = ""
        appendBlock(to: &text, axis: 0, offset: 0, indent: 1, formatter: formatter, summarise: summarise)
        return text
    }

    public var debugDescription: String { "Tensor(shape: \(shape), \(description))" }

    private func appendBlock(to text: inout String, axis: Int, offset: Int, indent: Int,
                             formatter: TensorFormatter, summarise: Bool) {
        let size = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        let shown: [Int?] = summarise && size > 6 ? [0, 1, 2, nil, size - 3, size - 2, size - 1] : (0..<size).map { $0 }
        text += "["
        if axis == rank - 1 {
            text += shown.map { $0.map { formatter.format(storage.pointer[offset + $0]) } ?? "..." }.joined(separator: " ")
        } else {
            let separator = "\n" + String(repeating: "\n", count: rank - axis - 2) + String(repeating: " ", count: indent)
            for (position, index) in shown.enumerated() {
                if position > 0 { text += separator }
                if let index {
                    appendBlock(to: &text, axis: axis + 1, offset: offset + index * stride, indent: indent + 1,
                                formatter: formatter, summarise: summarise)
                } else { text += "..." }
            }
        }
        text += "]"
    }

    private func edgeValues() -> [Float] {
        // Enough of the values to size the columns as NumPy does when summarising.
        Array(scalars.prefix(3)) + Array(scalars.suffix(3))
    }
}

/// NumPy-style number formatting shared by all elements of one tensor.
struct TensorFormatter {
    let scientific: Bool
    let integerWidth: Int
    let fractionWidth: Int

    init(values: [Float]) {
        let finite = values.filter { $0.isFinite }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        // NumPy's rule (arrayprint.FloatingFormat): exponent notation when the largest magnitude is
        // ≥ 1e8, the smallest non-zero one < 1e-4, or they are more than 1000× apart.
        scientific = !magnitudes.isEmpty && (largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3)
        var integerWidth = 1, fractionWidth = 0
        for v in values {
            let text = TensorFormatter.plain(v, scientific: scientific)
            let mantissa = scientific ? String(text.split(separator: "e")[0]) : text
            let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            integerWidth = Swift.max(integerWidth, parts[0].count)
            if parts.count > 1 { fractionWidth = Swift.max(fractionWidth, parts[1].count) }
        }
        self.integerWidth = integerWidth
        self.fractionWidth = fractionWidth
    }

    /// Shortest round-trip digits (at most 8 decimals), with a trailing "." for whole numbers.
    static func plain(_ v: Float, scientific: Bool) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if scientific {
            // Shortest mantissa (at most 8 decimals) and a two-digit exponent: 1.997e+03.
            let text = String(format: "%.8e", Double(v))
            let parts = text.split(separator: "e")
            var mantissa = String(parts[0])
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            return mantissa + "e" + parts[1]
        }
        var text = "\(v)"
        if text.contains("e") {
            text = String(format: "%.8f", Double(v))
            while text.hasSuffix("0") { text.removeLast() }
        }
        if text.hasSuffix(".0") { text.removeLast() }
        if !text.contains(".") { text += "." }
        return text
    }

    func format(_ v: Float) -> String {
        var text = TensorFormatter.plain(v, scientific: scientific)
        if scientific, v.isFinite {
            // Mantissas share one number of digits, padded with zeros.
            let parts = text.split(separator: "e")
            let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            let fraction = mantissa.count > 1 ? String(mantissa[1]) : ""
            text = mantissa[0] + "." + fraction + String(repeating: "0", count: Swift.max(0, fractionWidth - fraction.count)) + "e" + parts[1]
            return String(repeating: " ", count: Swift.max(0, integerWidth - mantissa[0].count)) + text
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        let left = String(repeating: " ", count: Swift.max(0, integerWidth - integer.count)) + integer
        if parts.count == 1 { return left + String(repeating: " ", count: fractionWidth + 1) }
        return left + "." + fraction + String(repeating: " ", count: Swift.max(0, fractionWidth - fraction.count))
    }
}
