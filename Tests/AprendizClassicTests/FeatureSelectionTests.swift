import Aprendiz
import AprendizTestSupport
import Testing

/// VarianceThreshold and SelectKBest against scikit-learn 1.9 (`Tools/fixtures/generate_decomposition_clustering.py`).
@Suite struct FeatureSelectionTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json")["selection"] }

    @Test func varianceThresholdKeepsScikitLearnsColumns() throws {
        let (x, _) = try bundled(.digits)
        let selection = try VarianceThreshold(threshold: 0.5).fit(x)
        #expect(selection.selected == fixture["variance_digits"].array.map(\.int))
        #expect(selection.transform(x).shape == [x.shape[0], selection.selected.count])
        #expect(throws: ClassicError.self) { try VarianceThreshold(threshold: 1e6).fit(x) }
    }

    @Test(arguments: [("f_classif_iris", BundledDataset.iris, UnivariateScore.fClassif),
                      ("chi2_digits", .digits, .chi2), ("f_regression_diabetes", .diabetes, .fRegression)])
    func selectKBestPicksScikitLearnsFeatures(key: String, dataset: BundledDataset, score: UnivariateScore) throws {
        let (x, y) = try bundled(dataset)
        let reference = fixture[key]
        let selection = try SelectKBest(k: reference["k"].int, score: score).fit(x, y)
        #expect(selection.selected == reference["support"].array.map(\.int))
        for (j, (ours, theirs)) in zip(selection.scores, reference["scores"].array).enumerated() {
            if theirs.isNull { #expect(ours.isNaN, "score \(j)") } else {
                expectNear(ours, Double(theirs.float), relative: 1e-5, "\(key) score \(j)")
            }
        }
        let kept = selection.transform(x)
        #expect(kept.shape == [x.shape[0], reference["k"].int])
        #expect(kept[0..<1, 0..<1].scalars[0] == x[0..<1, selection.selected[0]..<(selection.selected[0] + 1)].scalars[0])
    }

    @Test func rfeAroundLinearRegressionRanksLikeScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let result = try RFE(LinearRegression(), keep: 4).fit(x, y)
        #expect(result.selection.selected == fixture["rfe_diabetes"]["support"].array.map(\.int))
        #expect(result.ranking == fixture["rfe_diabetes"]["ranking"].array.map(\.int))
        #expect(result.model.featureCount == 4)
        #expect(throws: ClassicError.self) { try RFE(LinearRegression(), keep: 11).fit(x, y) }
    }

    @Test(arguments: [SequentialFeatureSelector<LinearRegression>.Direction.forward, .backward])
    func sequentialSelectionPicksScikitLearnsFeatures(direction: SequentialFeatureSelector<LinearRegression>.Direction) throws {
        let (x, y) = try bundled(.diabetes)
        let selector = try SequentialFeatureSelector(LinearRegression(), keep: 3, direction: direction, splitter: try KFold(folds: 5))
        #expect(try selector.fit(x, y).selected == fixture["sfs_\(direction.rawValue)_diabetes"].array.map(\.int))
    }
}
