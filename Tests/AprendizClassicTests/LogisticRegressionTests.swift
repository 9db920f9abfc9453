import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct LogisticRegressionTests {
    /// Reference: scikit-learn LogisticRegression(C=1) (multinomial for three classes) fitted on all rows
    /// of iris and wine: probabilities within 1e-3, the same accuracy (Tools/fixtures/generate_classic.py).
    /// Solved to max|∇f| ≤ 1e-6 (the fixture is a converged solution; the default 1e-4 is scikit-learn's
    /// stopping rule, which leaves wine's unscaled problem a few 1e-3 away).
    @Test(arguments: [BundledDataset.iris, .wine])
    func probabilitiesMatchScikitLearn(dataset: BundledDataset) throws {
        let (x, y) = try bundled(dataset)
        let reference = try JSONFixture("classic_logistic.json")[dataset.rawValue]
        let model = try LogisticRegression(tolerance: 1e-6, maximumIterations: 1000).fit(x, y)
        expectClose(model.predictProbabilities(x), reference["probabilities"].tensor, absolute: 1e-3, relative: 0)
        #expect(model.score(x, y) == reference["accuracy"].float)
    }

    /// Reference: scikit-learn on digits' train_test_split(test_size=0.25, random_state=0): 0.9533 held out.
    @Test func digitsHeldOutAccuracyMatchesScikitLearn() throws {
        let (x, y) = try bundled(.digits)
        let reference = try JSONFixture("classic_logistic.json")["digits"]
        let train = reference["train"].array.map(\.int), test = reference["test"].array.map(\.int)
        let model = try LogisticRegression(tolerance: 1e-8, maximumIterations: 5000).fit(x.selecting(train), y.selecting(train))
        expectClose(model.predictProbabilities(x.selecting(test)), reference["probabilities"].tensor, absolute: 1e-3, relative: 0)
        let accuracy = model.score(x.selecting(test), y.selecting(test))
        #expect(accuracy == reference["accuracy"].float)
        #expect(accuracy >= 0.953)
    }

    /// Reference: scikit-learn binary L2 (lbfgs), L1 and multinomial elastic net (saga) on standardised
    /// iris; the binary labels are 4 and 9, not 0/1.
    @Test func penaltiesMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_logistic.json")
        let x = fixture["iris_standardized"].tensor, (_, y) = try bundled(.iris)
        let labels = Tensor(fixture["iris_binary_l2"]["labels"].floats)
        let binaryRows = (0..<150).filter { y.scalars[$0] > 0 }
        let xb = x.selecting(binaryRows)
        let cases: [(LogisticRegression, Tensor, Tensor, String)] = [
            (try LogisticRegression(c: 1), xb, labels, "iris_binary_l2"),
            (try LogisticRegression(c: 0.5, penalty: .l1), xb, labels, "iris_binary_l1"),
            (try LogisticRegression(c: 0.5, penalty: .elasticNet(l1Ratio: 0.5)), x, y, "iris_elastic_net"),
        ]
        for (estimator, inputs, targets, name) in cases {
            let model = try estimator.fit(inputs, targets)
            expectClose(model.predictProbabilities(inputs), fixture[name]["probabilities"].tensor, absolute: 1e-3, relative: 0, "\(name)")
            expectClose(model.coefficients, fixture[name]["coefficients"].tensor, absolute: 1e-2, relative: 1e-2, "\(name)")
        }
        #expect(try LogisticRegression().fit(xb, labels).classes == [4, 9])
    }
}
