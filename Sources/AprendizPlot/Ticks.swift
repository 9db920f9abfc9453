// Tick positions and labels: Heckbert's "nice numbers" for linear axes, decades for log axes.
import Foundation

/// One tick on an axis: where it is, what it says, and whether it is a major (labelled) tick.
public struct Tick: Sendable, Hashable {
    /// Position in data units.
    public var value: Double
    /// Text written next to the tick; empty for minor ticks.
    public var label: String
    /// Major ticks get a label and a grid line; minor ticks only a short mark.
    public var isMajor: Bool

    /// Creates a tick.
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}

/// Tick computation following Paul Heckbert, "Nice Numbers for Graph Labels" (Graphics Gems, 1990).
///
/// Steps are always 1, 2 or 5 × 10ⁿ.
public enum Ticks {
    /// Heckbert's nice number: a value of the form 1, 2, 5 or 10 × 10ⁿ close to `value`.
    ///
    /// With `rounding` the result is the nearest nice number; without, the smallest one ≥ `value`.
    public static func niceNumber(_ value: Double, rounding: Bool) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        let exponent = floor(log10(value))
        let power = pow(10, exponent)
        let fraction = value / power
        let nice: Double
        if rounding {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// The nice step for about `count` ticks over `range`.
    public static func niceStep(for range: ClosedRange<Double>, count: Int) -> Double {
        let span = niceNumber(range.upperBound - range.lowerBound, rounding: false)
        return niceNumber(span / Double(max(count - 1, 1)), rounding: true)
    }

    /// About `count` nice tick values whose first is ≤ `range.lowerBound` and last ≥ `range.upperBound`
    /// ("loose" labelling: the axis is extended to the outer ticks).
    public static func covering(_ range: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let range = widened(range)
        let step = niceStep(for: range, count: count)
        let first = (range.lowerBound / step * (1 + 1e-12)).rounded(.down)
        let last = (range.upperBound / step * (1 - 1e-12)).rounded(.up)
        return multiples(of: step, from: first, through: last)
    }

    /// About `count` nice tick values lying inside `range` ("tight" labelling: the axis is not extended).
    ///
    /// The step is the nice number nearest to span / (count − 1), without first rounding the span
    /// up as ``covering(_:count:)`` does, so a tight axis is not left with too few ticks.
    public static func within(_ range: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let range = widened(range)
        let step = niceNumber((range.upperBound - range.lowerBound) / Double(max(count - 1, 1)), rounding: true)
        let tolerance = 1e-9
        let first = (range.lowerBound / step - tolerance).rounded(.up)
        let last = (range.upperBound / step + tolerance).rounded(.down)
        return multiples(of: step, from: first, through: last)
    }

    /// Labelled linear ticks inside `range`, formatted with as many decimals as the step needs.
    public static func linear(_ range: ClosedRange<Double>, count: Int = 6) -> [Tick] {
        let values = within(range, count: count)
        let span = range.upperBound - range.lowerBound
        let step = values.count > 1 ? values[1] - values[0] : niceNumber(span / Double(max(count - 1, 1)), rounding: true)
        return values.map { Tick(value: $0, label: label($0, step: step)) }
    }

    /// Ticks for a log axis over `range` (both bounds must be positive).
    ///
    /// Decades are major ticks labelled `10ⁿ` (every second or third decade when there are many);
    /// when the range spans less than two decades, 2× and 5× values are labelled too.
    /// The 2…9 multiples become unlabelled minor ticks.
    public static func logarithmic(_ range: ClosedRange<Double>, maximumCount: Int = 10) -> [Tick] {
        guard range.lowerBound > 0, range.upperBound.isFinite, range.upperBound >= range.lowerBound else { return [] }
        let low = log10(range.lowerBound), high = log10(range.upperBound)
        let firstDecade = Int((low + 1e-9).rounded(.down)), lastDecade = Int((high - 1e-9).rounded(.up))
        let decades = lastDecade - firstDecade
        let stride = max(1, Int((Double(decades) / Double(max(maximumCount - 1, 1))).rounded(.up)))
        let fewDecades = high - low < 2
        var ticks: [Tick] = []
        for decade in firstDecade...lastDecade {
            let power = pow(10, Double(decade))
            for multiple in 1...9 {
                let value = Double(multiple) * power
                guard value >= range.lowerBound * (1 - 1e-9), value <= range.upperBound * (1 + 1e-9) else { continue }
                if multiple == 1 {
                    let labelled = decade % stride == 0
                    ticks.append(Tick(value: value, label: labelled ? powerOfTen(decade) : "", isMajor: labelled))
                } else if fewDecades && (multiple == 2 || multiple == 5) {
                    ticks.append(Tick(value: value, label: label(value, step: power), isMajor: true))
                } else if stride == 1 {
                    ticks.append(Tick(value: value, label: "", isMajor: false))
                }
            }
        }
        return ticks
    }

    /// Formats a tick value: decimals from the step, a true minus sign, scientific for extreme magnitudes.
    public static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "" }
        let value = abs(value) < abs(step) * 1e-6 ? 0 : value
        let magnitude = abs(value)
        if magnitude >= 1e6 || (magnitude < 1e-4 && magnitude > 0) || (step < 1e-4 && step > 0) {
            return compact(value, significantDigits: 3)
        }
        let decimals = step > 0 && step.isFinite ? max(0, Int((-log10(step) - 1e-9).rounded(.up))) : 2
        return withMinusSign(String(format: "%.\(min(decimals, 6))f", value))
    }

    /// Formats `value` rounded to `significantDigits` significant digits, in plain notation between
    /// 10⁻³ and 10⁵ (`0.0012`, `870`, `12000`) and scientific outside (`2.5e6`, `1e−7`).
    public static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return "" }
        guard value != 0 else { return "0" }
        let digits = max(significantDigits, 1)
        let exponent = Int(floor(log10(abs(value))))
        let quantum = pow(10, Double(exponent - digits + 1))
        let rounded = (value / quantum).rounded() * quantum
        let roundedExponent = Int(floor(log10(abs(rounded))))
        if roundedExponent >= -3 && roundedExponent < 5 {
            let decimals = max(0, digits - 1 - roundedExponent)
            var text = String(format: "%.\(decimals)f", rounded)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return withMinusSign(text)
        }
        var mantissa = String(format: "%.\(digits - 1)f", rounded / pow(10, Double(roundedExponent)))
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return withMinusSign(mantissa) + "e" + withMinusSign(String(roundedExponent))
    }

    /// `10ⁿ` with a superscript exponent.
    static func powerOfTen(_ exponent: Int) -> String {
        if exponent == 0 { return "1" }
        if exponent == 1 { return "10" }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }

    private static func withMinusSign(_ text: String) -> String {
        text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    private static func widened(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return 0...1 }
        if range.upperBound > range.lowerBound { return range }
        let pad = range.lowerBound == 0 ? 1 : abs(range.lowerBound) * 0.1
        return (range.lowerBound - pad)...(range.upperBound + pad)
    }

    private static func multiples(of step: Double, from first: Double, through last: Double) -> [Double] {
        guard first <= last, last - first < 10_000 else { return [] }
        return Swift.stride(from: first, through: last, by: 1).map { index in
            // Round away the binary noise of index × step (0.30000000000000004 → 0.3).
            let value = index * step
            let scale = pow(10, max(0, (-log10(step)).rounded(.up) + 2))
            return (value * scale).rounded() / scale
        }
    }
}
