import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct ElasticNetTests {
    /// Reference: scikit-learn Lasso(alpha=0.1) and ElasticNet(alpha=0.01, l1_ratio=0.5) on the bundled
    /// diabetes data (Tools/fixtures/generate_classic.py, solved to tol=1e-12).
    @Test func diabetesCoefficientsMatchScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let fixture = try JSONFixture("classic_linear.json")
        expectCoefficients(try Lasso(alpha: 0.1, tolerance: 1e-10, maximumIterations: 100_000).fit(x, y), fixture["lasso"])
        expectCoefficients(try ElasticNet(alpha: 0.01, l1Ratio: 0.5, tolerance: 1e-10, maximumIterations: 100_000).fit(x, y),
                           fixture["elastic_net"])
    }

    @Test func badHyperParametersAreNamed() {
        #expect(throws: ClassicError.invalidHyperParameter(estimator: "ElasticNet", name: "l1Ratio", value: "1.5", requirement: "in [0, 1]")) {
            try ElasticNet(l1Ratio: 1.5)
        }
        #expect(throws: ClassicError.self) { try Lasso(alpha: -1) }
    }
}
