import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct HuberAndPathTests {
    /// Reference: scikit-learn HuberRegressor() on standardised diabetes, solved to tol=1e-10
    /// (Tools/fixtures/generate_classic.py).
    @Test func huberMatchesScikitLearn() throws {
        let fixture = try JSONFixture("classic_selection.json")
        let x = fixture["diabetes_standardized"].tensor, (_, y) = try bundled(.diabetes)
        let model = try HuberRegressor().fit(x, y)
        expectCoefficients(model, fixture["huber"], relative: 1e-3)
        expectClose(Float(model.hyperParameters["scale"].flatMap(Double.init) ?? 0), fixture["huber"]["scale"].float, relative: 1e-3)
    }

    /// Reference: scikit-learn lasso_path(n_alphas=20, eps=1e-3) on centred diabetes.
    @Test func lassoPathMatchesScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let reference = try JSONFixture("classic_linear.json")["lasso_path"]
        let path = try lassoPath(x, y, count: 20, tolerance: 1e-10, maximumIterations: 100_000)
        expectClose(Tensor(path.alphas.map(Float.init)), Tensor(reference["alphas"].floats))
        expectClose(path.coefficients, reference["coefficients"].tensor, absolute: 1e-3, relative: 1e-3)
        #expect(path.coefficients.slice(axis: 0, 0..<1).abs().max().scalar < 1e-6)  // at α_max every |Xⱼᵀy| ≤ nα: zero up to rounding
    }

    /// A few gross outliers move least squares but hardly Huber's fit of y = 2x + 1.
    @Test func huberResistsOutliers() throws {
        let x = Tensor.linspace(0, 10, count: 30).reshaped([-1, 1])
        var y = (2 * x + 1).reshaped([-1])
        for i in [25, 27, 29] { y[i] += 60 }  // outliers at one end tilt least squares
        #expect(abs(try HuberRegressor().fit(x, y).coefficients.scalars[0] - 2) < 0.05)
        #expect(abs(try LinearRegression().fit(x, y).coefficients.scalars[0] - 2) > 0.2)
    }
}
