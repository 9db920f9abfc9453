import AprendizMetrics
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct MetricsTests {
    /// Reference: scikit-learn accuracy_score, top_k_accuracy_score, confusion_matrix,
    /// precision_recall_fscore_support(zero_division=0) (Tools/fixtures/generate_layers.py).
    @Test func classificationMatchesScikitLearn() throws {
        let fixture = try JSONFixture("layers.json")["classification"]
        let scores = fixture["scores"].tensor, labels = fixture["labels"].tensor
        expectClose(accuracy(scores: scores, labels: labels), fixture["accuracy"].float)
        expectClose(topKAccuracy(scores: scores, labels: labels, k: 2), fixture["top2_accuracy"].float)
        let matrix = ConfusionMatrix(scores: scores, labels: labels)
        #expect(matrix.counts == fixture["confusion"].array.map { $0.array.map(\.int) })
        expectClose(Tensor(matrix.precision), Tensor(fixture["precision"].floats))
        expectClose(Tensor(matrix.recall), Tensor(fixture["recall"].floats))
        expectClose(Tensor(matrix.f1), Tensor(fixture["f1"].floats))
        expectClose(matrix.macroF1, fixture["macro_f1"].float)
        expectClose(matrix.macroPrecision, fixture["macro_precision"].float)
        expectClose(matrix.macroRecall, fixture["macro_recall"].float)
        expectClose(topKAccuracy(scores: scores, labels: labels, k: 4), 1)
    }

    /// Reference: scikit-learn mean_squared_error, mean_absolute_error, r2_score (two outputs, uniform average).
    @Test func regressionMatchesScikitLearn() throws {
        let fixture = try JSONFixture("layers.json")["regression"]
        let predictions = fixture["predictions"].tensor, targets = fixture["targets"].tensor
        expectClose(meanSquaredError(predictions: predictions, targets: targets), fixture["mse"].float)
        expectClose(meanAbsoluteError(predictions: predictions, targets: targets), fixture["mae"].float)
        expectClose(r2Score(predictions: predictions, targets: targets), fixture["r2"].float)
        expectClose(r2Score(predictions: targets, targets: targets), 1)
    }

    /// Hand-derived: class 2 is never predicted and never true → its precision, recall and F1 are 0.
    @Test func emptyClassesScoreZero() {
        let matrix = ConfusionMatrix(predicted: [0, 1, 1], actual: [0, 1, 0], classCount: 3)
        #expect(matrix.counts == [[1, 1, 0], [0, 1, 0], [0, 0, 0]])
        #expect(matrix.precision == [1, 0.5, 0] && matrix.recall == [0.5, 1, 0])
    }
}
