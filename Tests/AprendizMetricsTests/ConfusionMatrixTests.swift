import AprendizMetrics
import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct ConfusionMatrixTests {
    /// Reference: scikit-learn confusion_matrix, precision_recall_fscore_support(average=…, zero_division=0),
    /// balanced_accuracy_score on labels that are not 0…K−1 (Tools/fixtures/generate_classic.py).
    @Test func averagesMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_metrics.json")["classification"]
        let actual = fixture["y_true"].array.map(\.int), predicted = fixture["y_pred"].array.map(\.int)
        let matrix = ConfusionMatrix(predicted: predicted, actual: actual)
        #expect(matrix.labels == fixture["labels"].array.map(\.int))
        #expect(matrix.counts == fixture["confusion"].array.map { $0.array.map(\.int) })
        for average in MetricAverage.allCases {
            let expected = fixture[average.rawValue]
            expectClose(matrix.precision(average: average), expected["precision"].float, "\(average) precision")
            expectClose(matrix.recall(average: average), expected["recall"].float, "\(average) recall")
            expectClose(matrix.f1(average: average), expected["f1"].float, "\(average) F1")
        }
        expectClose(matrix.accuracy, fixture["accuracy"].float)
        expectClose(matrix.balancedAccuracy, fixture["balanced_accuracy"].float)
    }
}
