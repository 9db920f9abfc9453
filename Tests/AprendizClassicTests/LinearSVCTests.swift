import Aprendiz
import AprendizTestSupport
import Testing

/// LinearSVC against scikit-learn 1.9's LinearSVC (liblinear, dual, tol=1e-8): coefficients and intercepts
/// of the minimiser within 10⁻³, the same training accuracy (`Tools/fixtures/generate_svm.py`).
@Suite struct LinearSVCTests {
    @Test(arguments: ["iris_squared_hinge", "iris_hinge", "cancer_squared_hinge", "cancer_hinge"])
    func coefficientsMatchLiblinear(_ name: String) throws {
        let fixture = try JSONFixture("classic_svm.json")
        let reference = fixture["linear_svc"][name]
        let (x, y): (Tensor, Tensor)
        if name.hasPrefix("iris") {
            (x, y) = try bundled(.iris)
        } else {
            (x, y) = (fixture["cancer_data"]["x"].tensor, Tensor(fixture["cancer_data"]["y"].floats))
        }
        let loss: LinearSVC.Loss = name.hasSuffix("squared_hinge") ? .squaredHinge : .hinge
        let model = try LinearSVC(c: Double(reference["C"].float), loss: loss, tolerance: 1e-8, maximumIterations: 200_000).fit(x, y)
        expectClose(model.coefficients, reference["coefficients"].tensor, absolute: 1e-3, relative: 1e-3, "\(name): coef_")
        expectClose(model.intercept, Tensor(reference["intercept"].floats), absolute: 1e-3, relative: 1e-3, "\(name): intercept_")
        #expect(model.score(x, y) == reference["accuracy"].float, "\(name): accuracy")
    }

    @Test func passesTheClassifierChecks() throws {
        EstimatorChecks.checkClassifier(try LinearSVC())
    }

    @Test func refusesBadHyperParameters() {
        #expect(throws: ClassicError.self) { try LinearSVC(c: -1) }
        #expect(throws: ClassicError.self) { try LinearSVC(interceptScaling: 0) }
    }
}
