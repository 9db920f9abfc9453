import AprendizPlot
import Foundation
import Testing

/// Whether `step` is 1, 2 or 5 × 10ⁿ.
private func isNiceStep(_ step: Double) -> Bool {
    let power = pow(10, floor(log10(step)))
    let mantissa = step / power
    return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
}

@Suite struct TicksTests {
    @Test func unitIntervalGivesFifths() {
        let ticks = Ticks.covering(0...1, count: 6)
        #expect(ticks.count == 6)
        for (tick, expected) in zip(ticks, [0, 0.2, 0.4, 0.6, 0.8, 1.0]) { #expect(abs(tick - expected) < 1e-12) }
    }

    @Test(arguments: [(-5.0, 5.0), (0, 1), (0.013, 0.97), (-3.7, 12.2), (1e-3, 2e-3), (100, 1234), (-1e6, 3e6), (2.5, 2.5)])
    func coveringTicksCoverTheRangeWithNiceSteps(low: Double, high: Double) {
        for count in 3...10 {
            let ticks = Ticks.covering(low...high, count: count)
            #expect(ticks.count >= 2)
            #expect(ticks.first! <= low && ticks.last! >= high)
            let step = ticks[1] - ticks[0]
            #expect(isNiceStep(step), "step \(step) for \(low)…\(high)")
            for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b - a) - step) < step * 1e-9) }
            // Loose but not wasteful: at most one step beyond the data on each side.
            if high > low { #expect(ticks.first! > low - step - 1e-9 && ticks.last! < high + step + 1e-9) }
        }
    }

    @Test func symmetricRangeHasZeroAndNiceSteps() {
        let inside = Ticks.within(-5...5, count: 6)
        #expect(inside.contains(0))
        #expect(inside.allSatisfy { (-5...5).contains($0) })
        #expect(isNiceStep(inside[1] - inside[0]))
        #expect(inside == [-4, -2, 0, 2, 4] || inside == [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5])
    }

    @Test func niceNumbers() {
        #expect(Ticks.niceNumber(0.23, rounding: true) == 0.2)
        #expect(Ticks.niceNumber(3.4, rounding: true) == 5)
        #expect(Ticks.niceNumber(7.5, rounding: true) == 10)
        #expect(Ticks.niceNumber(1.2, rounding: false) == 2)
        #expect(Ticks.niceNumber(46, rounding: false) == 50)
    }

    @Test func labelsUseStepDecimalsAndMinusSign() {
        #expect(Ticks.linear(0...1, count: 6).map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(Ticks.linear(-5...5, count: 6).map(\.label) == ["−4", "−2", "0", "2", "4"])
        #expect(Ticks.label(0.1 + 0.2, step: 0.1) == "0.3")
    }

    @Test func compactFormatting() {
        #expect(Ticks.compact(303, significantDigits: 2) == "300")
        #expect(Ticks.compact(870.4, significantDigits: 2) == "870")
        #expect(Ticks.compact(0.0012345) == "0.00123")
        #expect(Ticks.compact(-2.5e6) == "−2.5e6")
        #expect(Ticks.compact(1e-7) == "1e−7")
        #expect(Ticks.compact(0.5) == "0.5")
        #expect(Ticks.compact(.nan).isEmpty)
    }

    @Test func logTicksAreDecades() {
        let ticks = Ticks.logarithmic(1e-8...1, maximumCount: 10)
        let majors = ticks.filter(\.isMajor)
        #expect(majors.map(\.label) == ["10⁻⁸", "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1"])
        #expect(ticks.allSatisfy { $0.value >= 1e-8 * 0.999 && $0.value <= 1.001 })
        let few = Ticks.logarithmic(0.01...0.5).filter(\.isMajor).map(\.value)
        #expect(few.contains(0.02) && few.contains(0.05) && few.contains(0.1))
        #expect(Ticks.logarithmic(0...1).isEmpty)
        #expect(Ticks.logarithmic(1e-30...1e30, maximumCount: 10).filter(\.isMajor).count <= 10)
    }
}
