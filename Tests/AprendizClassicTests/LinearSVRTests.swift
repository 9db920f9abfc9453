import Aprendiz
import AprendizTestSupport
import Testing

/// LinearSVR against scikit-learn 1.9's LinearSVR (liblinear dual CD, tol=10⁻¹⁰, two random_states agreeing to
/// 10⁻⁶, so the reference is the minimiser) on standardised diabetes: coefficients and intercept within
/// 10⁻³ absolute + 10⁻⁵ relative, R² within 10⁻⁵ (`Tools/fixtures/generate_svm.py`).
@Suite struct LinearSVRTests {
    @Test(arguments: ["l1_default", "l1_c10_eps5", "l2_c01_eps2"])
    func coefficientsMatchLiblinear(_ name: String) throws {
        let fixture = try SVMTests.fixture()["linear_svr"], reference = fixture[name]
        let x = fixture["x"].tensor
        let (_, y) = try bundled(.diabetes)
        let loss: LinearSVR.Loss = reference["loss"].string == "epsilon_insensitive" ? .epsilonInsensitive : .squaredEpsilonInsensitive
        let model = try LinearSVR(c: Double(reference["C"].float), epsilon: Double(reference["epsilon"].float), loss: loss,
                                  tolerance: 1e-10, maximumIterations: 1_000_000).fit(x, y)
        expectClose(model.coefficients, Tensor(reference["coefficients"].floats), absolute: 1e-3, relative: 1e-5, "\(name): coef_")
        #expect(abs(model.intercept - reference["intercept"].float) < 1e-3 + 1e-5 * abs(reference["intercept"].float),
                "\(name): intercept \(model.intercept) vs \(reference["intercept"].float)")
        #expect(abs(model.score(x, y) - reference["r2"].float) < 1e-5, "\(name): R²")
    }

    /// Run to 10⁻⁸: the minimiser does not depend on the row order, the default tolerance's stopping point does.
    @Test func passesTheRegressorChecks() throws {
        EstimatorChecks.checkRegressor(try LinearSVR(c: 10, tolerance: 1e-8, maximumIterations: 100_000))
    }

    @Test func refusesBadHyperParameters() {
        #expect(throws: ClassicError.self) { try LinearSVR(c: 0) }
        #expect(throws: ClassicError.self) { try LinearSVR(epsilon: -1) }
        #expect(throws: ClassicError.self) { try LinearSVR(tolerance: 0) }
    }
}
