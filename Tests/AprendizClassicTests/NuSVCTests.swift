import Aprendiz
import AprendizTestSupport
import Testing

/// NuSVC against scikit-learn 1.9's NuSVC (libsvm ν-SVC, `Tools/fixtures/generate_svm.py`): support-vector
/// counts within ±1 %, each one-vs-one objective ½βᵀKβ within 10⁻⁴ relative, decision values within 10⁻³
/// (10⁻³ relative on wine's unscaled features), the same accuracy and predictions.
@Suite struct NuSVCTests {
    @Test(arguments: ["nu_iris_rbf", "nu_iris_linear", "nu_wine_rbf", "nu_cancer_rbf"])
    func matchesLibsvm(_ name: String) throws {
        let reference = try SVMTests.fixture()[name], o = reference["options"]
        let (x, y): (Tensor, Tensor)
        if name.contains("cancer") {
            let data = try SVMTests.fixture()["cancer_data"]
            (x, y) = (data["x"].tensor, Tensor(data["y"].floats))
        } else {
            (x, y) = try bundled(name.contains("wine") ? .wine : .iris)
        }
        let parameters = SupportVectorParameters(kernel: o.has("kernel") ? try KernelKind.named(o["kernel"].string) : .rbf)
        let model = try NuSVC(nu: o.has("nu") ? Double(o["nu"].float) : 0.5, parameters: parameters).fit(x, y)
        SVMTests().compare(name, reference, model, x, y, relative: name.contains("wine") ? 1e-3 : 0)
    }

    @Test func infeasibleNuIsAnError() throws {
        let (x, y) = try bundled(.iris)
        // Two classes of 50 and 10 rows: ν(60)/2 > 10 once ν > 1/3.
        let rows = Array(0..<60)
        #expect(throws: ClassicError.self) { try NuSVC(nu: 0.5).fit(x.selecting(rows), y.selecting(rows)) }
        #expect(throws: ClassicError.self) { try NuSVC(nu: 0) }
        #expect(throws: ClassicError.self) { try NuSVC(nu: 1.5) }
        _ = try NuSVC(nu: 0.3).fit(x.selecting(rows), y.selecting(rows))
    }

    @Test func passesTheClassifierChecks() throws {
        EstimatorChecks.checkClassifier(try NuSVC(nu: 0.3))
    }
}
