import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Random forests and extra trees: conformance, accuracy against scikit-learn on the same split
/// (Tests/Fixtures/trees.json), determinism across thread counts, out-of-bag score, permutation importance.
@Suite struct RandomForestTests {
    /// The conformance suite refits on shuffled rows and expects the same predictions; a bootstrap draw picks
    /// rows by position, so the bootstrapped forests are checked without it (feature draws and random
    /// thresholds do not depend on row order).
    @Test func conformance() throws {
        EstimatorChecks.checkClassifier(try RandomForestClassifier(treeCount: 10, bootstrap: false))
        EstimatorChecks.checkClassifier(try ExtraTreesClassifier(treeCount: 10))
        EstimatorChecks.checkRegressor(try RandomForestRegressor(treeCount: 10, parameters: TreeParameters(maxFeatures: .fraction(0.7)), bootstrap: false))
        EstimatorChecks.checkRegressor(try ExtraTreesRegressor(treeCount: 10))
    }

    static func digitsSplit() throws -> (train: (Tensor, Tensor), test: (Tensor, Tensor), reference: [String: Double]) {
        let (x, y) = try bundled(.digits)
        let fixture = try TreeFixture.load()
        let test = fixture.digits_test, testSet = Set(test)
        let train = (0..<x.shape[0]).filter { !testSet.contains($0) }
        return ((x.selecting(train), y.selecting(train)), (x.selecting(test), y.selecting(test)), fixture.digits_accuracy)
    }

    /// The issue's target on digits is ≥ 0.97 for a 100-tree forest; scikit-learn's forests on the same split
    /// are in the fixture (0.976 and 0.982).
    @Test func digitsAccuracy() throws {
        let ((x, y), (xt, yt), reference) = try Self.digitsSplit()
        let forest = try RandomForestClassifier(outOfBagScore: true, seed: 1).fit(x, y)
        let accuracy = forest.score(xt, yt)
        #expect(accuracy >= 0.97)
        #expect(abs(Double(accuracy) - reference["random_forest"]!) <= 0.02)
        let oob = try #require(forest.outOfBagScore)
        #expect(abs(oob - accuracy) <= 0.04, "out-of-bag \(oob) vs held out \(accuracy)")
        let extra = try ExtraTreesClassifier(seed: 1).fit(x, y).score(xt, yt)
        #expect(extra >= 0.97)
        #expect(abs(Double(extra) - reference["extra_trees"]!) <= 0.02)
        let probabilities = forest.predictProbabilities(xt)
        expectClose(probabilities.sum(axis: 1), Tensor.ones([xt.shape[0]]), absolute: 1e-4)
    }

    @Test func diabetesR2() throws {
        let (x, y) = try bundled(.diabetes)
        let fixture = try TreeFixture.load()
        let testSet = Set(fixture.diabetes_test), train = (0..<x.shape[0]).filter { !testSet.contains($0) }
        let model = try RandomForestRegressor(outOfBagScore: true).fit(x.selecting(train), y.selecting(train))
        let r2 = model.score(x.selecting(fixture.diabetes_test), y.selecting(fixture.diabetes_test))
        #expect(abs(Double(r2) - fixture.diabetes_r2["random_forest"]!) <= 0.08, "R² \(r2)")
        #expect(model.outOfBagScore.map { $0 > 0.2 && $0 < 0.7 } == true)
    }

    /// Each tree's randomness comes from the forest seed alone: 1 and 2 threads grow the same forest.
    @Test func sameForestOnAnyThreadCount() throws {
        let (x, y) = try bundled(.wine)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = try RandomForestClassifier(treeCount: 12, seed: 7).fit(x, y)
        Parallel.threadCount = 2
        let two = try RandomForestClassifier(treeCount: 12, seed: 7).fit(x, y)
        #expect(one == two)
        #expect(one != (try RandomForestClassifier(treeCount: 12, seed: 8).fit(x, y)))
    }

    /// y depends on feature 0 only: shuffling it costs much of the score, shuffling the others almost nothing.
    @Test func permutationImportanceFindsTheUsedFeature() throws {
        var generator = RandomGenerator(seed: 3)
        let x = Tensor(shape: [200, 3], scalars: (0..<600).map { _ in generator.nextUniform() })
        let y = Tensor((0..<200).map { x[$0, 0] > 0.5 ? Float(1) : 0 })
        let model = try RandomForestClassifier(treeCount: 20).fit(x, y)
        let importance = permutationImportance(model: model, x: x, y: y, repeats: 3, seed: 1)
        #expect(importance.baseline == 1)
        #expect(importance.means[0] > 0.3)
        #expect(importance.means[1...].allSatisfy { abs($0) < 0.05 }, "\(importance.means)")
        #expect(model.featureImportances.scalars[0] > 0.5)
    }

    @Test func badHyperParametersNameTheParameter() {
        #expect(throws: ClassicError.invalidHyperParameter(estimator: "RandomForestClassifier", name: "treeCount", value: "0", requirement: "≥ 1")) {
            try RandomForestClassifier(treeCount: 0)
        }
        do {
            _ = try ExtraTreesRegressor(outOfBagScore: true)
            Issue.record("out-of-bag score without bootstrap accepted")
        } catch {
            #expect(error.description.contains("outOfBagScore"))
        }
    }
}
