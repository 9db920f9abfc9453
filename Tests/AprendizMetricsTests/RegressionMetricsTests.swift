import AprendizMetrics
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct RegressionMetricsTests {
    /// Reference: scikit-learn root_mean_squared_error and explained_variance_score on two outputs, uniform average (Tools/fixtures/generate_classic.py).
    @Test func rootMeanSquaredErrorAndExplainedVarianceMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_metrics.json")["regression"]
        let predictions = fixture["predictions"].tensor, targets = fixture["targets"].tensor
        expectClose(rootMeanSquaredError(predictions: predictions, targets: targets), fixture["rmse"].float)
        expectClose(explainedVarianceScore(predictions: predictions, targets: targets), fixture["explained_variance"].float)
    }

    /// Hand-derived: a constant bias lowers R² but not the explained variance.
    @Test func explainedVarianceIgnoresBias() {
        let y = Tensor([1, 2, 3, 4])
        #expect(explainedVarianceScore(predictions: y + 10, targets: y) == 1)
        #expect(r2Score(predictions: y + 10, targets: y) < 0)
    }
}
