import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// AdaBoost, voting, stacking and bagging against scikit-learn 1.9 (Tests/Fixtures/classic_boosting.json).
/// Members differ slightly from scikit-learn's (solvers, row draws, tie-breaking), so ensemble accuracies
/// are compared within a stated number of test rows.
@Suite struct EnsembleTests {
    /// SAMME on all rows: the same first stump (wine; on iris two stumps tie with one partition) and the same
    /// first three α to 1e-5; training accuracy within 2 rows of scikit-learn's.
    @Test(arguments: [BundledDataset.iris, .wine])
    func adaBoostMatchesScikitLearn(dataset: BundledDataset) throws {
        let (x, y) = try bundled(dataset)
        let reference = try JSONFixture("classic_boosting.json")["adaboost"][dataset.rawValue]
        let model = try AdaBoostClassifier().fit(x, y)
        expectClose(Tensor(Array(model.weights.prefix(3))), Tensor(reference["weights"].floats), absolute: 0, relative: 1e-5)
        if dataset == .wine {
            #expect(model.features[0] == reference["feature"].int)
            #expect(model.thresholds[0] == FeatureBinning.floatThreshold(Double(reference["threshold"].string)!))
        }
        #expect(abs(model.score(x, y) - reference["accuracy"].float) <= 2.5 / Float(y.shape[0]))
    }

    /// Voting (hard, soft), stacking and bagging on iris' 75/25 split: test accuracy within 1 row of scikit-learn's.
    @Test func classifierEnsemblesMatchScikitLearn() throws {
        let (x, y) = try bundled(.iris)
        let reference = try JSONFixture("classic_boosting.json")["ensembles"]
        let train = reference["iris_train"].array.map(\.int), test = reference["iris_test"].array.map(\.int)
        let (xTrain, yTrain, xTest, yTest) = (x.selecting(train), y.selecting(train), x.selecting(test), y.selecting(test))
        let members = [AnyClassifier(try LogisticRegression(tolerance: 1e-6, maximumIterations: 10_000)),
                       AnyClassifier(try HistGradientBoostingClassifier(.init(maximumIterations: 30, minimumSamplesLeaf: 5)))]
        let tolerance = 1.5 / Float(test.count)
        let hard = try VotingClassifier(members, voting: .hard).fit(xTrain, yTrain)
        #expect(abs(hard.score(xTest, yTest) - reference["voting_hard"].float) <= tolerance)
        let soft = try VotingClassifier(members, voting: .soft).fit(xTrain, yTrain)
        #expect(abs(soft.score(xTest, yTest) - reference["voting_soft"].float) <= tolerance)
        let stacking = try StackingClassifier(members, final: AnyClassifier(try LogisticRegression(maximumIterations: 10_000))).fit(xTrain, yTrain)
        #expect(abs(stacking.score(xTest, yTest) - reference["stacking"].float) <= tolerance)
        let bagging = try BaggingClassifier(try LogisticRegression(maximumIterations: 10_000)).fit(xTrain, yTrain)
        #expect(abs(bagging.score(xTest, yTest) - reference["bagging"].float) <= tolerance)
        // Soft voting is the mean of the members' probabilities.
        let mean = (soft.members[0].predictProbabilities(xTest) + soft.members[1].predictProbabilities(xTest)) / 2
        expectClose(soft.predictProbabilities(xTest), mean, absolute: 1e-6)
    }

    /// VotingRegressor and StackingRegressor (final LinearRegression) on diabetes' 75/25 split: R² within 0.02.
    @Test func regressorEnsemblesMatchScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let reference = try JSONFixture("classic_boosting.json")["ensembles"]
        let split = try JSONFixture("classic_boosting.json")["diabetes"]
        let train = split["train"].array.map(\.int), test = split["test"].array.map(\.int)
        let members = [AnyRegressor(LinearRegression()), AnyRegressor(try HistGradientBoostingRegressor(.init(maximumIterations: 30)))]
        let voting = try VotingRegressor(members).fit(x.selecting(train), y.selecting(train))
        #expect(abs(voting.score(x.selecting(test), y.selecting(test)) - reference["voting_regressor"].float) < 0.02)
        let stacking = try StackingRegressor(members, final: AnyRegressor(LinearRegression())).fit(x.selecting(train), y.selecting(train))
        #expect(abs(stacking.score(x.selecting(test), y.selecting(test)) - reference["stacking_regressor"].float) < 0.02)
    }

    /// Hard voting with weights follows the heavier member; bad weights are refused naming them.
    @Test func votingWeights() throws {
        let (x, y) = try bundled(.iris)
        let weak = AnyClassifier(try AdaBoostClassifier(estimators: 1)), strong = AnyClassifier(try LogisticRegression())
        let model = try VotingClassifier([weak, strong], voting: .hard, weights: [1, 3]).fit(x, y)
        #expect(model.predict(x) == model.members[1].predict(x))
        #expect(throws: ClassicError.self) { try VotingClassifier([weak, strong], weights: [1]) }
        #expect(throws: ClassicError.self) { try VotingClassifier([]) }
    }
}

/// The conformance suite on the ensembles (members small enough for the 40–45-row check data).
@Suite struct EnsembleConformanceTests {
    @Test func adaBoost() throws { EstimatorChecks.checkClassifier(try AdaBoostClassifier(estimators: 10)) }
    @Test func votingClassifier() throws {
        EstimatorChecks.checkClassifier(try VotingClassifier([AnyClassifier(try LogisticRegression()), AnyClassifier(try AdaBoostClassifier(estimators: 5))],
                                                             voting: .soft))
    }
    @Test func votingRegressor() throws {
        EstimatorChecks.checkRegressor(try VotingRegressor([AnyRegressor(LinearRegression()),
                                                            AnyRegressor(try HistGradientBoostingRegressor(.init(maximumIterations: 20, minimumSamplesLeaf: 3)))]))
    }
    @Test func stackingClassifier() throws {
        EstimatorChecks.checkClassifier(try StackingClassifier([AnyClassifier(try LogisticRegression()), AnyClassifier(try AdaBoostClassifier(estimators: 5))],
                                                               final: AnyClassifier(try LogisticRegression()), folds: 3))
    }
    /// Unshuffled K-fold depends on the row order, so shuffled rows give other out-of-fold features: order tolerance 0.5
    /// (a row moved 0.14 in one run; y has spread ≈ 3).
    @Test func stackingRegressor() throws {
        EstimatorChecks.checkRegressor(try StackingRegressor([AnyRegressor(LinearRegression()), AnyRegressor(try Ridge())],
                                                             final: AnyRegressor(LinearRegression()), folds: 3), orderTolerance: 0.5)
    }
    @Test func baggingClassifier() throws { EstimatorChecks.checkClassifier(try BaggingClassifier(try LogisticRegression(), estimators: 5)) }
    /// Bootstrap draws are by row position, so shuffling the rows changes the members: order tolerance 0.5 (noise σ = 0.1).
    @Test func baggingRegressor() throws {
        EstimatorChecks.checkRegressor(try BaggingRegressor(LinearRegression(), estimators: 5), orderTolerance: 0.5)
    }
}
