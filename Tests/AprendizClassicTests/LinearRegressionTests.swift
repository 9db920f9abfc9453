import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct LinearRegressionTests {
    /// Reference: scikit-learn LinearRegression and Ridge(alpha=1) on the bundled diabetes data
    /// (Tools/fixtures/generate_classic.py): coefficients within 1e-4 relative.
    @Test(arguments: LinearRegression.Solver.allCases)
    func diabetesCoefficientsMatchScikitLearn(solver: LinearRegression.Solver) throws {
        let (x, y) = try bundled(.diabetes)
        let fixture = try JSONFixture("classic_linear.json")
        expectCoefficients(try LinearRegression(solver: solver).fit(x, y), fixture["linear_regression"])
    }

    @Test(arguments: [Ridge.Solver.primal, .dual])
    func ridgeMatchesScikitLearn(solver: Ridge.Solver) throws {
        let (x, y) = try bundled(.diabetes)
        expectCoefficients(try Ridge(alpha: 1, solver: solver).fit(x, y), try JSONFixture("classic_linear.json")["ridge"])
    }

    /// Hand-derived: with a duplicated column, least squares splits the weight equally (minimum norm)
    /// while the normal equations are singular; y = 3x + 1 exactly.
    @Test func collinearFeaturesUseTheMinimumNormSolution() throws {
        let x = Tensor([[1, 1], [2, 2], [3, 3], [4, 4]]), y = Tensor([4, 7, 10, 13])
        let model = try LinearRegression().fit(x, y)
        expectClose(model.coefficients, Tensor([1.5, 1.5]), absolute: 1e-4)
        expectClose(model.intercept, 1, absolute: 1e-4)
    }
}

extension LinearRegressionTests {
    /// §12.2.1: gradient descent (plain, and Adam) on standardised diabetes approaches the normal equation's
    /// solution: the same R² as scikit-learn's LinearRegression coefficients give (mapped to standardised units by σ).
    @Test func gradientDescentReachesTheLeastSquaresSolution() throws {
        let (x, y) = try bundled(.diabetes)
        let reference = try JSONFixture("classic_linear.json")["linear_regression"]
        let scaler = try StandardScaling().fit(x)
        let expected = Tensor(reference["coefficients"].floats) * scaler.standardDeviation
        let best = LinearModel(coefficients: expected, intercept: y.mean().scalar).score(scaler.transform(x), y)
        let plain = try GradientDescentRegression(learningRate: 0.1, epochs: 2000).fit(scaler.transform(x), y)
        expectClose(plain.score(scaler.transform(x), y), best, absolute: 2e-3)
        let adam = try GradientDescentRegression(rule: AdamRule(), learningRate: 0.5, epochs: 2000).fit(scaler.transform(x), y)
        expectClose(adam.score(scaler.transform(x), y), best, absolute: 2e-3)
        #expect(throws: ClassicError.self) { try GradientDescentRegression(learningRate: 5, epochs: 200).fit(scaler.transform(x), y) }
    }
}
