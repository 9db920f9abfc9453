import Aprendiz
import AprendizTestSupport
import Testing

/// The k-NN mutual information estimators against scikit-learn 1.9's `mutual_info_classif` and
/// `mutual_info_regression` (`Tools/fixtures/generate_decomposition_clustering.py`, key `mutual_info`).
/// The continuous sets have no tied values, so scikit-learn's 1e-10 noise cannot move a neighbour count
/// (its random_state 0 and 1 give identical scores, both in the fixture) and ours, from another generator,
/// gives the same scores to rounding; the digits scores are all-discrete (no noise on either side).
@Suite struct MutualInformationTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json")["mutual_info"] }

    func expectScores(_ ours: [Double], _ key: String, tolerance: Double = 1e-6) {
        let theirs = fixture[key].array.map { Double($0.float) }
        #expect(ours.count == theirs.count)
        for (j, (a, b)) in zip(ours, theirs).enumerated() { expectNear(a, b, relative: tolerance, absolute: tolerance, "\(key) feature \(j)") }
    }

    @Test func classificationIsScikitLearns() throws {
        let x = fixture["classif_x"].tensor, y = fixture["classif_y"].array.map { Double($0.int) }
        #expect(fixture["classif"].floats == fixture["classif_seed1"].floats)
        expectScores(try MutualInformation(target: .classes).scores(x, y), "classif")
        expectScores(try MutualInformation(target: .classes, seed: 9).scores(x, y), "classif")
        let selection = try SelectKBest(k: 2, score: .mutualInfoClassif).fit(x, Tensor(y.map(Float.init)))
        #expect(selection.selected == fixture["classif_k2_support"].array.map(\.int))
    }

    @Test func regressionIsScikitLearns() throws {
        let x = fixture["regression_x"].tensor, y = fixture["regression_y"].tensor.scalars.map(Double.init)
        #expect(fixture["regression"].floats == fixture["regression_seed1"].floats)
        expectScores(try MutualInformation(target: .continuous).scores(x, y), "regression")
        expectScores(UnivariateScore.mutualInfoRegression.scores(x, y), "regression")
    }

    @Test func discreteColumnsUseThePlugInAndRossEstimators() throws {
        let (digits, labels) = try bundled(.digits)
        let all = Set(0..<digits.shape[1])
        expectScores(try MutualInformation(target: .classes, discreteFeatures: all).scores(digits, labels.scalars.map(Double.init)),
                     "digits_discrete")
        let x = fixture["mixed_x"].tensor, y = fixture["mixed_y"].tensor.scalars.map(Double.init)
        expectScores(try MutualInformation(target: .continuous, discreteFeatures: [0]).scores(x, y), "mixed")
    }

    @Test func badInputIsNamed() throws {
        #expect(throws: ClassicError.self) { try MutualInformation(target: .classes, neighbors: 0) }
        let x = Tensor(shape: [4, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(throws: ClassicError.self) { try MutualInformation(target: .classes).scores(x, [0, 1, 0]) }
        #expect(throws: ClassicError.self) { try MutualInformation(target: .classes, discreteFeatures: [2]).scores(x, [0, 1, 0, 1]) }
    }
}
