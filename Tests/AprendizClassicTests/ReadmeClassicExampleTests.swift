import Aprendiz
import Testing

@Suite struct ReadmeClassicExampleTests {
    /// The README's classic-ML example, line for line; the accuracy bound is scikit-learn's
    /// LogisticRegression on a 75/25 digits split (0.95, Docs/Classic.md), the R² bound its Ridge
    /// cross-validation on diabetes (0.42–0.55 per fold, Tools/fixtures/generate_classic.py).
    @Test func runs() throws {
        let digits = try BundledDataset.digits.load()
        let (train, test) = trainTestSplit(digits, testFraction: 0.25, seed: 0)
        let model = try LogisticRegression(c: 1).fit(train.inputs, train.targets)
        print(model.score(test.inputs, test.targets), model.classes)
        let diabetes = try BundledDataset.diabetes.load()
        let cv = try crossValidate(try Ridge(alpha: 1), diabetes.inputs, diabetes.targets.reshaped([-1]),
                                   splitter: try KFold(folds: 5))
        print(cv.mean, cv.standardDeviation)
        #expect(model.score(test.inputs, test.targets) > 0.93 && model.classes == Array(0...9))
        #expect(cv.mean > 0.4 && cv.mean < 0.55)
    }
}
