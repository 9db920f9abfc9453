import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `aprendiz cluster` and `aprendiz plot explained-variance`, run in-process; the expected labels and
/// numbers are scikit-learn's and SciPy's (`Tools/fixtures/generate_decomposition_clustering.py`).
@Suite struct ClusterCommandTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json") }

    /// The `cluster` column of labels.csv and the parsed metrics.json of a run into a temporary folder.
    func cluster(_ arguments: [String]) throws -> (labels: [Int], metrics: [String: Any], folder: URL) {
        let folder = try temporaryFolder().appendingPathComponent("report")
        try runCommand(ClusterCommand.self, arguments + ["--output", folder.path])
        let csv = try String(contentsOf: folder.appendingPathComponent("labels.csv"), encoding: .utf8)
        let labels = csv.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[1])! }
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json"))) as! [String: Any]
        return (labels, metrics, folder)
    }

    @Test func dbscanOnRawIrisGivesScikitLearnsLabels() throws {
        let run = try cluster(["--method", "dbscan", "--dataset", "iris", "--raw", "--eps", "0.5", "--min-samples", "5"])
        #expect(run.labels == fixture["dbscan"]["iris"].array.map(\.int))
        #expect(isWellFormedXML(try String(contentsOf: run.folder.appendingPathComponent("scatter.svg"), encoding: .utf8)))
    }

    @Test func wardOnRawIrisReportsScikitLearnsAgreementAndADendrogram() throws {
        let run = try cluster(["--method", "agglomerative", "--dataset", "iris", "--raw", "--clusters", "3"])
        let ari = try #require(run.metrics["adjusted_rand_index"] as? Double)
        expectNear(ari, Double(fixture["linkage"]["iris_ward_ari"].float), relative: 1e-6, "ARI")
        let dendrogram = try String(contentsOf: run.folder.appendingPathComponent("dendrogram.svg"), encoding: .utf8)
        #expect(isWellFormedXML(dendrogram))
        #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("index.html").path))
    }

    @Test func kMeansDrawsTheElbowForARangeOfK() throws {
        let run = try cluster(["--method", "kmeans", "--dataset", "iris", "--clusters", "3", "--k", "2..5", "--inits", "2"])
        #expect(run.labels.count == 150 && Set(run.labels) == [0, 1, 2])
        #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("elbow.svg").path))
        #expect(try ClusterCommand.kRange("2..12") == Array(2...12))
        #expect(try ClusterCommand.kRange("2,4,8") == [2, 4, 8])
        #expect(errorMessage { _ = try ClusterCommand.kRange("1..3") }?.contains("--k") == true)
        #expect(errorMessage { try runCommand(ClusterCommand.self, ["--method", "dbscan", "--dataset", "iris", "--k", "2..4"]) }?
            .contains("--method kmeans") == true)
        #expect(errorMessage { try runCommand(ClusterCommand.self, ["--method", "kmedoids", "--dataset", "iris"]) }?
            .contains("kmeans, agglomerative") == true)
    }

    @Test func explainedVarianceCSVIsScikitLearnsRatios() throws {
        let path = try temporaryFolder().appendingPathComponent("scree.csv").path
        try runCommand(PlotExplainedVarianceCommand.self, ["--dataset", "iris", "--raw", "--format", "csv", "--output", path])
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        let ratios = rows.map { Double($0.split(separator: ",")[1])! }
        let expected = fixture["pca"]["iris"]["explained_variance_ratio"]["data"].floats
        #expect(ratios.count == expected.count)
        for (ours, theirs) in zip(ratios, expected) { expectNear(ours, Double(theirs), relative: 0, absolute: 1e-6, "ratio") }
    }
}
