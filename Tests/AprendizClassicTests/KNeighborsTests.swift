import Aprendiz
import AprendizTestSupport
import Testing

/// k-NN classification and regression against scikit-learn (Tests/Fixtures/classic_neighbors.json,
/// Tools/fixtures/generate_neighbors.py: fitted on the even rows, predicting the odd rows).
@Suite struct KNeighborsTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("classic_neighbors.json")["knn"] }

    static func halves(_ dataset: BundledDataset) throws -> (x: Tensor, y: Tensor, xTest: Tensor, yTest: Tensor) {
        let (x, y) = try bundled(dataset)
        let even = Array(stride(from: 0, to: x.shape[0], by: 2)), odd = Array(stride(from: 1, to: x.shape[0], by: 2))
        return (x.selecting(even), y.selecting(even), x.selecting(odd), y.selecting(odd))
    }

    @Test(arguments: [BundledDataset.iris, .wine])
    func classifierMatchesScikitLearn(dataset: BundledDataset) throws {
        let data = try Self.halves(dataset)
        let cases: [(String, NeighborWeights, DistanceMetric)] = [("uniform", .uniform, .euclidean), ("distance", .distance, .euclidean),
                                                                  ("distance_p1", .distance, .manhattan)]
        for (name, weights, metric) in cases {
            let reference = fixture["\(dataset)"][name]
            for algorithm in [NeighborAlgorithm.brute, .kdTree] {
                let model = try KNeighborsClassifier(weights: weights, metric: metric, algorithm: algorithm).fit(data.x, data.y)
                #expect(model.predict(data.xTest) == reference["predictions"].tensor, "\(dataset) \(name) \(algorithm)")
                expectClose(model.predictProbabilities(data.xTest), reference["probabilities"].tensor, absolute: 1e-6, relative: 1e-5)
            }
        }
    }

    @Test func regressorMatchesScikitLearn() throws {
        let data = try Self.halves(.diabetes)
        for weights in [NeighborWeights.uniform, .distance] {
            let model = try KNeighborsRegressor(weights: weights).fit(data.x, data.y)
            let reference = fixture["diabetes"][weights.name]
            expectClose(model.predict(data.xTest), reference["predictions"].tensor, absolute: 1e-4, relative: 1e-5)
            expectClose(model.score(data.xTest, data.yTest), reference["score"].float, absolute: 1e-5)
        }
    }

    /// A query equal to training rows: only those rows vote under distance weights (scikit-learn's rule).
    @Test func exactMatchesAloneVoteUnderDistanceWeights() throws {
        let x = Tensor([[0], [0], [1], [1.1], [1.2]]), y = Tensor([3, 7, 9, 9, 9])
        let model = try KNeighborsClassifier(neighbors: 5, weights: .distance).fit(x, y)
        #expect(model.predictProbabilities(Tensor([[0]])) == Tensor([[0.5, 0.5, 0]]))
        let regressor = try KNeighborsRegressor(neighbors: 3, weights: .distance).fit(x, Tensor([1, 2, 10, 20, 30]))
        #expect(regressor.predict(Tensor([[0]])) == Tensor([1.5]))
    }

    @Test func tooFewRowsAndBadSettingsThrow() {
        #expect(throws: ClassicError.self) { try KNeighborsClassifier(neighbors: 0) }
        #expect(throws: ClassicError.self) { try KNeighborsRegressor(metric: .minkowski(p: 0.5)) }
        #expect(throws: ClassicError.self) { try KNeighborsClassifier(neighbors: 4).fit(Tensor([[0], [1], [2]]), Tensor([0, 1, 1])) }
    }
}

/// The shared conformance suite on the k-NN estimators.
@Suite struct KNeighborsConformanceTests {
    @Test func classifier() throws { EstimatorChecks.checkClassifier(try KNeighborsClassifier()) }
    @Test func classifierDistanceManhattan() throws {
        EstimatorChecks.checkClassifier(try KNeighborsClassifier(neighbors: 3, weights: .distance, metric: .manhattan, algorithm: .brute))
    }
    @Test func regressor() throws { EstimatorChecks.checkRegressor(try KNeighborsRegressor(weights: .distance)) }
}
