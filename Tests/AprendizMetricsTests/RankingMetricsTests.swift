import AprendizMetrics
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct RankingMetricsTests {
    /// Reference: scikit-learn roc_curve (drop_intermediate=True) and roc_auc_score on scores with ties,
    /// roc_auc_score(multi_class="ovr"), log_loss (Tools/fixtures/generate_classic.py).
    @Test func rocCurveMatchesScikitLearn() throws {
        let fixture = try JSONFixture("classic_metrics.json")["ranking"]
        let scores = fixture["scores"].floats.map(Double.init), positives = fixture["positives"].array.map { $0.int == 1 }
        let curve = ROCCurve(scores: scores, positives: positives)
        expectClose(Tensor(curve.falsePositiveRates.map(Float.init)), Tensor(fixture["fpr"].floats))
        expectClose(Tensor(curve.truePositiveRates.map(Float.init)), Tensor(fixture["tpr"].floats))
        #expect(curve.thresholds.first == .infinity)
        expectClose(Tensor(curve.thresholds.dropFirst().map(Float.init)), Tensor(fixture["thresholds"].array.dropFirst().map(\.float)))
        expectClose(Float(rocAUC(scores: scores, positives: positives)), fixture["auc"].float)
    }

    @Test func oneVsRestAndLogLossMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_metrics.json")["ranking"]
        let probabilities = fixture["probabilities"].array.map { $0.floats.map(Double.init) }
        let classes = fixture["classes"].array.map(\.int)
        expectClose(Float(rocAUCOneVsRest(probabilities: probabilities, labels: classes)), fixture["auc_ovr"].float)
        expectClose(Float(logLoss(probabilities: probabilities, labels: classes)), fixture["log_loss"].float)
    }

    /// Hand-derived: a perfect ranking has AUC 1, a reversed one 0, all-equal scores ½.
    @Test func extremeRankings() {
        #expect(rocAUC(scores: [0.9, 0.8, 0.1], positives: [true, true, false]) == 1)
        #expect(rocAUC(scores: [0.1, 0.2, 0.9], positives: [true, true, false]) == 0)
        #expect(rocAUC(scores: [0.5, 0.5, 0.5, 0.5], positives: [true, false, true, false]) == 0.5)
    }
}
