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
