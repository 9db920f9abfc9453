import Aprendiz
import AprendizTestSupport
import Testing

/// The shared conformance suite (Tests/AprendizTestSupport/EstimatorChecks.swift) on every estimator.
@Suite struct ConformanceTests {
    @Test func linearRegression() { EstimatorChecks.checkRegressor(LinearRegression()) }
    @Test func linearRegressionNormalEquations() throws {
        // A constant feature makes XᵀX singular: the check expects a fit, so it runs on the SVD solver above
        // and here only on data without one.
        let x = Tensor([[1, 2], [2, 1], [3, 5], [4, 3]]), y = Tensor([1, 2, 3, 4])
        #expect(throws: ClassicError.self) { try LinearRegression(solver: .normalEquations).fit(Tensor.concatenate([x, Tensor.ones([4, 1])], axis: 1), y) }
        expectClose(try LinearRegression(solver: .normalEquations).fit(x, y).coefficients,
                    try LinearRegression().fit(x, y).coefficients, absolute: 1e-4)
    }
    @Test func ridge() throws { EstimatorChecks.checkRegressor(try Ridge()) }
    @Test func lasso() throws { EstimatorChecks.checkRegressor(try Lasso(alpha: 0.01)) }
    @Test func elasticNet() throws { EstimatorChecks.checkRegressor(try ElasticNet(alpha: 0.01)) }
    @Test func logisticRegression() throws { EstimatorChecks.checkClassifier(try LogisticRegression()) }
    @Test func softmaxL1() throws { EstimatorChecks.checkClassifier(try LogisticRegression(penalty: .l1)) }
}

extension ConformanceTests {
    @Test func huberRegressor() throws { EstimatorChecks.checkRegressor(try HuberRegressor()) }
    @Test func softmaxRegression() throws { EstimatorChecks.checkClassifier(try SoftmaxRegression()) }
}

extension ConformanceTests {
    @Test func gradientDescentRegression() throws { EstimatorChecks.checkRegressor(try GradientDescentRegression(learningRate: 0.1, epochs: 300)) }
}
