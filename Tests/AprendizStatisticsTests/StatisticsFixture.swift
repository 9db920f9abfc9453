import AprendizTestSupport
import Foundation
import Testing

/// `Tests/Fixtures/statistics.json`, written by `Tools/fixtures/generate_statistics.py` (SciPy/NumPy).
struct StatisticsFixture: Decodable {
    struct Grid: Decodable {
        let a: [Double]?, b: [Double]?, x: [Double], y: [Double]
    }

    struct DistributionCase: Decodable {
        let name: String
        let params: [String: Double]
        let x: [Double]
        /// nil where SciPy's log-probability is −∞ (JSON has no infinities).
        let logProbability: [Double?]
        let cumulative: [Double]
        let mean: Double, variance: Double
    }

    struct Categorical: Decodable { let probabilities: [Double]; let mean: Double; let variance: Double }

    let special: [String: Grid]
    let distributions: [DistributionCase]
    let categorical: Categorical
    let fits: [String: [String: JSONValue]]

    static let shared: StatisticsFixture = {
        let url = ReferenceFixture.fixtureURL("statistics.json")
        // The fixture is committed with the tests; a decoding failure is a broken checkout.
        return try! JSONDecoder().decode(StatisticsFixture.self, from: Data(contentsOf: url))
    }()
}

extension JSONValue {
    var double: Double? { if case .number(let d) = self { d } else { nil } }
    var doubles: [Double]? { if case .array(let a) = self { a.compactMap(\.double) } else { nil } }
}

/// Expects `actual` within `relative·|expected|` of `expected`, or within `absolute` of it (for values
/// near zero), reporting which input it was.
func expectNear(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0,
                _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    if actual == expected || (actual.isNaN && expected.isNaN) { return }
    let error = Swift.abs(actual - expected)
    if error <= absolute || error <= relative * Swift.abs(expected) { return }
    Issue.record("\(what()): \(actual) vs reference \(expected) (relative error \(error / Swift.abs(expected)))",
                 sourceLocation: sourceLocation)
}
