import Aprendiz
import AprendizTestSupport
import Testing

/// The estimator conformance suite (EstimatorChecks) on the support vector machines.
@Suite struct SVMConformanceTests {
    @Test func svcPassesTheClassifierChecks() throws {
        EstimatorChecks.checkClassifier(try SVC())
    }

    @Test func linearKernelSVCPassesTheClassifierChecks() throws {
        EstimatorChecks.checkClassifier(try SVC(c: 0.5, parameters: SupportVectorParameters(kernel: .linear)))
    }

    @Test func svrPassesTheRegressorChecks() throws {
        EstimatorChecks.checkRegressor(try SVR(c: 10))
    }
}
