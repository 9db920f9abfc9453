import Aprendiz
import AprendizTestSupport
import Testing

/// k-means, agglomerative clustering and DBSCAN against scikit-learn 1.9 and SciPy
/// (`Tools/fixtures/generate_decomposition_clustering.py`).
@Suite struct ClusteringTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json") }

    func labels(_ t: Tensor) -> [Int] { t.scalars.map { Int($0) } }

    @Test func kMeansOnDigitsReachesScikitLearnsInertiaAndAgreement() throws {
        let (x, y) = try bundled(.digits)
        let model = try KMeans(clusterCount: 10, initCount: 10).fit(x)
        let reference = fixture["kmeans"]
        let ari = adjustedRandIndex(true: labels(y), predicted: model.labels)
        #expect(ari >= 0.66, "ARI \(ari)")
        let sklearn = Double(reference["inertia"].float)
        #expect(model.inertia <= sklearn * 1.005, "inertia \(model.inertia) vs scikit-learn \(sklearn)")
        #expect(model.predict(x) == model.labels)
        #expect(model.transform(x).shape == [x.shape[0], 10])
    }

    @Test func miniBatchKMeansOnDigitsIsAsGoodAsScikitLearnsOnAverage() throws {
        let (x, y) = try bundled(.digits)
        let model = try MiniBatchKMeans(clusterCount: 10).fit(x)
        let reference = fixture["kmeans"]
        let sklearn = Double(reference["minibatch_mean_inertia"].float)
        #expect(model.inertia <= sklearn * 1.01, "inertia \(model.inertia) vs scikit-learn's mean \(sklearn)")
        #expect(adjustedRandIndex(true: labels(y), predicted: model.labels) >= Double(reference["minibatch_mean_ari"].float) - 0.05)
        #expect(model.predict(x) == model.labels)
    }

    @Test func kMeansFindsObviousClustersAndIsDeterministic() throws {
        let x = Tensor(shape: [6, 2], scalars: [0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5, 5, 5.1])
        let a = try KMeans(clusterCount: 2, seed: 7).fit(x), b = try KMeans(clusterCount: 2, seed: 7).fit(x)
        #expect(a.labels == b.labels)
        #expect(Set(a.labels[0..<3]).count == 1 && Set(a.labels[3..<6]).count == 1 && a.labels[0] != a.labels[3])
        // Inertia by hand: each centroid is (1/30, 1/30) from its corner row; the three rows give
        // 2/900 + 2·((0.1 − 1/30)² + 1/900) per cluster.
        let expected = 2 * (2.0 / 900 + 2 * ((0.1 - 1.0 / 30) * (0.1 - 1.0 / 30) + 1.0 / 900))
        expectNear(a.inertia, expected, relative: 1e-5, "inertia")
        #expect(throws: ClassicError.self) { try KMeans(clusterCount: 7).fit(x) }
    }

    @Test func wardOnIrisIsScipysMergeTree() throws {
        let (x, y) = try bundled(.iris)
        let reference = fixture["linkage"]
        let tree = try AgglomerativeClustering(cut: .clusterCount(3)).fit(x)
        let expected = reference["iris_ward"].tensor
        #expect(tree.merges.count == expected.shape[0])
        let z = expected.scalars
        for (m, merge) in tree.merges.enumerated() {
            #expect(merge.first == Int(z[m * 4]) && merge.second == Int(z[m * 4 + 1]) && merge.size == Int(z[m * 4 + 3]),
                    "merge \(m): \(merge) vs \(z[(m * 4)..<(m * 4 + 4)])")
            expectNear(merge.distance, Double(z[m * 4 + 2]), relative: 1e-5, absolute: 1e-6, "merge \(m) distance")
        }
        let clusters = tree.labels(clusterCount: 3)
        #expect(adjustedRandIndex(true: reference["iris_ward_labels"].array.map(\.int), predicted: clusters) == 1)
        #expect(adjustedRandIndex(true: labels(y), predicted: clusters) >= 0.73)
    }

    @Test(arguments: AgglomerativeClustering.Linkage.allCases)
    func linkageMatchesScipy(linkage: AgglomerativeClustering.Linkage) throws {
        let reference = fixture["linkage"]
        let x = reference["small_x"].tensor
        let tree = try AgglomerativeClustering(linkage: linkage).fit(x)
        expectClose(tree.linkageMatrix, reference["small_\(linkage.rawValue)"].tensor, absolute: 1e-5, relative: 1e-5)
    }

    @Test func distanceThresholdCutsLikeScipysFcluster() throws {
        let reference = fixture["linkage"]
        let labels = try AgglomerativeClustering(cut: .distanceThreshold(0.3), linkage: .average).clusterLabels(reference["small_x"].tensor)
        #expect(adjustedRandIndex(true: reference["small_distance_cut_labels"].array.map(\.int), predicted: labels) == 1)
    }

    @Test func dbscanLabelsAreScikitLearns() throws {
        let (iris, _) = try bundled(.iris)
        let reference = fixture["dbscan"]
        #expect(try DBSCAN(eps: 0.5, minSamples: 5).clusterLabels(iris) == reference["iris"].array.map(\.int))
        #expect(try DBSCAN(eps: 2.2, minSamples: 4).clusterLabels(reference["wine_standardised"].tensor) == reference["wine"].array.map(\.int))
        #expect(throws: ClassicError.self) { try DBSCAN(eps: 0) }
    }

    /// Elkan's and Lloyd's iterations from the same (non-data) starting centres on digits give
    /// scikit-learn's labels, centres, inertia and iteration count; ours agree with each other.
    @Test(arguments: [KMeans.Algorithm.elkan, .lloyd])
    func kMeansFromGivenCentresIsScikitLearns(algorithm: KMeans.Algorithm) throws {
        let (x, _) = try bundled(.digits)
        let reference = fixture["elkan"]
        let model = try KMeans(clusterCount: 10, algorithm: algorithm).fit(x, startingFrom: reference["start"].tensor)
        let expected = reference[algorithm.rawValue]
        #expect(model.labels == expected["labels"].array.map(\.int))
        #expect(model.iterations == expected["iterations"].int)
        expectClose(model.centres, expected["centres"].tensor, absolute: 1e-4, relative: 1e-5)
        expectNear(model.inertia, Double(expected["inertia"].float), relative: 1e-6, "inertia")
        #expect(reference["elkan"]["labels"].array.map(\.int) == reference["lloyd"]["labels"].array.map(\.int))
    }

    @Test func elkanMatchesLloydOnObviousClustersWithAnEmptyStart() throws {
        // One starting centre far from every row: its cluster empties and takes the farthest row (both algorithms).
        let x = Tensor(shape: [8, 2], scalars: [0, 0, 0.2, 0, 0, 0.2, 0.1, 0.1, 4, 4, 4.2, 4, 4, 4.2, 9, 0])
        let start = Tensor(shape: [3, 2], scalars: [0, 0, 4, 4, 100, 100])
        let lloyd = try KMeans(clusterCount: 3).fit(x, startingFrom: start)
        let elkan = try KMeans(clusterCount: 3, algorithm: .elkan).fit(x, startingFrom: start)
        #expect(elkan.labels == lloyd.labels)
        #expect(Set(elkan.labels).count == 3 && elkan.labels[7] != elkan.labels[0] && elkan.labels[7] != elkan.labels[4])
        expectClose(elkan.centres, lloyd.centres, absolute: 1e-5)
        expectNear(elkan.inertia, lloyd.inertia, relative: 1e-6, "inertia")
    }

    /// The k-d tree and brute-force neighbourhoods give scikit-learn's labels on 3 000 2-D points.
    @Test(arguments: [NeighborAlgorithm.kdTree, .brute, .auto])
    func dbscanOnBlobsIsScikitLearnsWhicheverSearch(algorithm: NeighborAlgorithm) throws {
        let reference = fixture["dbscan_blobs"]
        let result = try DBSCAN(eps: 0.3, minSamples: 5, algorithm: algorithm).fit(reference["x"].tensor)
        #expect(result.labels == reference["labels"].array.map(\.int))
    }
}
