import Testing

/// Expects two `Double`s to agree within `absolute + relative·|expected|` (equal values, and NaN against
/// NaN, always pass), naming what was compared: `expectNear(erfinv(y), reference, relative: 1e-13, "erfinv(\(y))")`.
public func expectNear(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0,
                       _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    if actual == expected || (actual.isNaN && expected.isNaN) { return }
    let error = Swift.abs(actual - expected)
    if error <= absolute + relative * Swift.abs(expected) { return }
    Issue.record("\(what()): \(actual) vs reference \(expected) (error \(error), relative \(error / Swift.abs(expected)))",
                 sourceLocation: sourceLocation)
}
