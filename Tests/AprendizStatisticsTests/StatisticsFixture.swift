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
    var fixtureDouble: Double? { if case .number(let d) = self { d } else { nil } }
    var fixtureDoubles: [Double]? { if case .array(let a) = self { a.compactMap(\.fixtureDouble) } else { nil } }
}
