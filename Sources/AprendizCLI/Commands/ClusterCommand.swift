import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz cluster`: k-means, agglomerative clustering or DBSCAN on a data set (chapter 17), with the
/// labels, the agreement with the true classes and the pictures people look at.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster a data set (k-means, agglomerative, DBSCAN) and draw the result.",
        discussion: """
        Methods: \(ClusteringMethod.allCases.map { "\($0.name) — \($0.summary)" }.joined(separator: "; ")).
        Prints the cluster sizes, the internal scores (silhouette, Davies–Bouldin, Calinski–Harabasz) and, when
        the data set has classes, ARI, AMI, NMI, homogeneity, completeness and V-measure against them.
        With --output DIR: labels.csv, metrics.json, scatter.svg (first two principal components coloured by
        cluster), dendrogram.svg (agglomerative; the last --truncate merges), elbow.svg (k-means with --k) and
        index.html. Features are standardised unless --raw.
        Example: aprendiz cluster --method kmeans --dataset iris --clusters 3 --k 2..8 --output iris-kmeans
        """
    )

    @Option(help: "The algorithm: \(ClusteringMethod.helpList(default: .kmeans)).", completion: .list(ClusteringMethod.names),
            transform: ClusteringMethod.argument)
    var method: ClusteringMethod = .kmeans

    @Option(help: "The data set: \(DatasetSpecifier.knownNames.joined(separator: ", ")).")
    var dataset: String

    @Option(help: "Number of clusters for the k-means methods and agglomerative (default: the number of classes, else 3).")
    var clusters: Int?

    @Option(help: "k-means initialisations, keeping the lowest inertia.")
    var inits: Int = 10

    @Option(help: "k-means iterations: \(KMeans.Algorithm.helpList(default: .lloyd)).",
            completion: .list(KMeans.Algorithm.names), transform: KMeans.Algorithm.argument)
    var algorithm: KMeans.Algorithm = .lloyd

    @Option(help: "Linkage: \(AgglomerativeClustering.Linkage.helpList(default: .ward)).",
            completion: .list(AgglomerativeClustering.Linkage.names), transform: AgglomerativeClustering.Linkage.argument)
    var linkage: AgglomerativeClustering.Linkage = .ward

    @Option(help: "Agglomerative: cut at this merge distance instead of a cluster count.")
    var distanceThreshold: Double?

    @Option(help: "DBSCAN neighbourhood radius.")
    var eps: Double = 0.5

    @Option(help: "DBSCAN neighbours (the point included) of a core point.")
    var minSamples: Int = 5

    @Option(help: "DBSCAN neighbourhood search: \(NeighborAlgorithm.helpList(default: .auto)) (the labels do not depend on it).",
            completion: .list(NeighborAlgorithm.names), transform: NeighborAlgorithm.argument)
    var neighborAlgorithm: NeighborAlgorithm = .auto

    @Option(help: "k-means elbow and silhouette curve over a range of k, like 2..12 (or a list 2,4,8).")
    var k: String?

    @Option(help: "Dendrogram: draw only the last this many merges.")
    var truncate: Int = 30

    @Option(help: "Use at most this many rows (the first ones).")
    var limit: Int?

    @Option(help: "Seed of k-means++.")
    var seed: UInt64 = 0

    @Flag(help: "Cluster the features as read, without standardising them.")
    var raw = false

    @Option(name: [.customLong("output"), .customLong("out")], help: "Report folder (labels.csv, SVG figures, index.html).")
    var output: String?

    @OptionGroup var table: TableOptions

    func validate() throws {
        if let clusters, clusters < 1 { throw CLIError("--clusters must be at least 1, got \(clusters)") }
        guard inits >= 1 else { throw CLIError("--inits must be at least 1, got \(inits)") }
        guard truncate >= 2 else { throw CLIError("--truncate must be at least 2, got \(truncate)") }
        if let limit, limit < 2 { throw CLIError("--limit must be at least 2, got \(limit)") }
        if let k { _ = try Self.kRange(k) }
        if k != nil && method != .kmeans { throw CLIError("--k draws the k-means elbow; use it with --method kmeans") }
    }

    /// `2..12` or `2,4,8`: the k values of the elbow curve (each ≥ 2).
    static func kRange(_ text: String) throws -> [Int] {
        let parts = text.components(separatedBy: "..")
        if parts.count == 2, let low = Int(parts[0].trimmingCharacters(in: .whitespaces)),
           let high = Int(parts[1].trimmingCharacters(in: .whitespaces)) {
            guard low >= 2, high >= low else { throw CLIError("--k '\(text)': expected LOW..HIGH with 2 ≤ LOW ≤ HIGH, like 2..12") }
            return Array(low...high)
        }
        let values = try IntegerList.parse(text, option: "--k", example: "2..12 or 2,4,8")
        guard values.allSatisfy({ $0 >= 2 }) else { throw CLIError("--k '\(text)': every k must be at least 2") }
        return values
    }

    func run() throws {
        let data = try ClusteringData.load(try DatasetSpecifier(parsing: dataset), limit: limit, standardize: !raw, table: table.csv)
        let x = data.features, n = x.shape[0]
        let count = clusters ?? data.classCount ?? 3
        if method != .dbscan && distanceThreshold == nil && count > n {
            throw CLIError("--clusters \(count) is more than the \(n) rows of \(data.name)")
        }
        let clock = ContinuousClock(), start = clock.now
        var labels: [Int], tree: MergeTree? = nil, inertia: Double? = nil
        switch method {
        case .kmeans:
            let model = try KMeans(clusterCount: count, initCount: inits, seed: seed, algorithm: algorithm).fit(x)
            (labels, inertia) = (model.labels, model.inertia)
        case .minibatchKMeans:
            let model = try MiniBatchKMeans(clusterCount: count, seed: seed).fit(x)
            (labels, inertia) = (model.labels, model.inertia)
        case .agglomerative:
            let algorithm = try AgglomerativeClustering(cut: distanceThreshold.map { .distanceThreshold($0) } ?? .clusterCount(count),
                                                        linkage: linkage)
            let fitted = try algorithm.fit(x)
            tree = fitted
            labels = distanceThreshold.map { fitted.labels(belowDistance: $0) } ?? fitted.labels(clusterCount: count)
        case .dbscan:
            labels = try DBSCAN(eps: eps, minSamples: minSamples, algorithm: neighborAlgorithm).clusterLabels(x)
        }
        let seconds = (clock.now - start) / .seconds(1)
        let scores = ClusteringScores(x: x, labels: labels, truth: data.classes, inertia: inertia)
        print("\(method.name) on \(data.name): \(n) rows × \(x.shape[1]) features, \(scores.clusterCount) clusters"
              + (scores.noiseCount > 0 ? " + \(scores.noiseCount) noise" : "") + String(format: " in %.3f s", seconds))
        for (name, value) in scores.rows { print("  \(name): \(value)") }
        guard let output else { return }
        let elbow = try k.map { try ElbowCurve(x: x, ks: Self.kRange($0), inits: inits, seed: seed) }
        let page = ClusteringReport.page(title: "\(method.name) on \(data.name)", data: data, labels: labels, scores: scores,
                                         tree: tree, truncate: truncate, elbow: elbow)
        try ReportWriter.write(page, to: URL(fileURLWithPath: output))
        print("report: \(output)/index.html")
    }
}
