import AprendizMetrics
import AprendizTestSupport
import Testing

/// The clustering scores against scikit-learn 1.9 (`Tools/fixtures/generate_decomposition_clustering.py`).
@Suite struct ClusteringMetricsTests {
    let fixture: JSONFixture
    let a: [Int], b: [Int]

    init() throws {
        fixture = try JSONFixture("decomposition_clustering.json")["metrics"]
        (a, b) = (fixture["a"].array.map(\.int), fixture["b"].array.map(\.int))
    }

    func reference(_ key: String) -> Double { Double(fixture[key].float) }

    @Test func agreementScoresMatchScikitLearn() {
        expectNear(adjustedRandIndex(true: a, predicted: b), reference("ari"), relative: 1e-6, "ARI")
        expectNear(adjustedMutualInformation(true: a, predicted: b), reference("ami"), relative: 1e-6, "AMI")
        expectNear(normalizedMutualInformation(true: a, predicted: b), reference("nmi"), relative: 1e-6, "NMI")
        let scores = HomogeneityCompleteness(true: a, predicted: b)
        expectNear(scores.homogeneity, reference("homogeneity"), relative: 1e-6, "homogeneity")
        expectNear(scores.completeness, reference("completeness"), relative: 1e-6, "completeness")
        expectNear(scores.vMeasure, reference("v_measure"), relative: 1e-6, "V-measure")
    }

    @Test func agreementLimitCases() {
        #expect(adjustedRandIndex(true: [0, 0, 1, 1], predicted: [5, 5, 2, 2]) == 1)
        #expect(adjustedRandIndex(true: [0, 0, 0], predicted: [1, 1, 1]) == 1)
        #expect(normalizedMutualInformation(true: [0, 0, 0], predicted: [3, 3, 3]) == 1)
        expectNear(adjustedMutualInformation(true: [0, 0, 1, 1], predicted: [1, 1, 0, 0]), 1, relative: 1e-12, "AMI of a renaming")
        #expect(HomogeneityCompleteness(true: [0, 0, 1, 1], predicted: [0, 1, 2, 3]).homogeneity == 1)
    }

    @Test func geometricScoresMatchScikitLearn() {
        let x = fixture["x"].tensor, labels = fixture["labels"].array.map(\.int)
        expectNear(silhouetteScore(x, labels: labels), reference("silhouette"), relative: 1e-5, "silhouette")
        for (ours, theirs) in zip(silhouetteSamples(x, labels: labels), fixture["silhouette_samples"]["data"].floats) {
            expectNear(ours, Double(theirs), relative: 1e-5, absolute: 1e-6, "silhouette sample")
        }
        expectNear(daviesBouldinScore(x, labels: labels), reference("davies_bouldin"), relative: 1e-5, "Davies–Bouldin")
        expectNear(calinskiHarabaszScore(x, labels: labels), reference("calinski_harabasz"), relative: 1e-5, "Calinski–Harabasz")
    }
}
