import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct ModelSelectionTests {
    /// Reference: scikit-learn KFold(5) and StratifiedKFold(3) test folds, unshuffled
    /// (Tools/fixtures/generate_classic.py).
    @Test func foldsMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_selection.json")
        let labels = Tensor(fixture["labels"].floats)
        #expect(try KFold(folds: 5).splits(labels).map(\.test) == fixture["kfold"].array.map { $0.array.map(\.int) })
        #expect(try StratifiedKFold(folds: 3).splits(labels).map(\.test) == fixture["stratified"].array.map { $0.array.map(\.int) })
        for (train, test) in try StratifiedKFold(folds: 3, shuffle: true, seed: 4).splits(labels) {
            #expect(Set(train).union(test) == Set(0..<16) && Set(train).isDisjoint(with: test))
        }
    }

    /// Reference: scikit-learn cross_val_score(Ridge(alpha=1), diabetes, cv=KFold(5)) (R² per fold).
    @Test func crossValidationMatchesScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let result = try crossValidate(try Ridge(alpha: 1), x, y, splitter: try KFold(folds: 5))
        expectClose(Tensor(result.scores), Tensor(try JSONFixture("classic_selection.json")["ridge_cv_scores"].floats), relative: 1e-3)
        #expect(result.standardDeviation > 0)
    }

    /// A grid over Ridge's α: the best candidate has the highest mean, and it is the one refitted.
    @Test func gridSearchPicksTheBestMean() throws {
        let (x, y) = try bundled(.diabetes)
        let search = GridSearch(try Ridge(), grid: [GridAxis(\Ridge.alpha, [0.01, 1, 1000], name: "alpha")],
                                splitter: try KFold(folds: 3))
        let result = try search.fit(x, y)
        #expect(result.candidates.count == 3)
        let means = result.candidates.map(\.result.mean)
        #expect(means[result.bestIndex] == means.max())
        #expect(result.bestModel == (try result.bestEstimator.fit(x, y)))
        #expect(throws: ClassicError.self) { try GridSearch(try Ridge(), grid: [GridAxis(\Ridge.alpha, [-1])]).fit(x, y) }
    }

    /// Polynomial regression (§12.3) as a pipeline recovers y = 1 − 2x + 0.5x² exactly.
    @Test func pipelineFitsPolynomialRegression() throws {
        let x = Tensor.linspace(-3, 3, count: 20).reshaped([-1, 1])
        let y = (1 - 2 * x + 0.5 * x * x).reshaped([-1])
        let pipeline = Pipeline(steps: [try PolynomialFeatures(degree: 2, includeBias: false)], final: LinearRegression())
        let model = try pipeline.fit(x, y)
        expectClose(model.model.coefficients, Tensor([-2, 0.5]), absolute: 1e-4)
        expectClose(model.score(x, y), 1, absolute: 1e-5)
    }
}
