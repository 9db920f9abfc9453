import Aprendiz
import Foundation

/// A data set as unsupervised rows: every example flattened to one row of features, and its class
/// (when the data set has classes) kept to score the clustering against.
struct ClusteringData {
    var name: String
    /// `[count, features]`.
    var features: Tensor
    /// The class index of each row, or nil for a regression target.
    var classes: [Int]?
    /// Display names of the classes, when known.
    var classNames: [String]?

    var classCount: Int? { classes.map { Set($0).count } }

    /// Loads all rows of `specifier` (no train/test split), the first `limit` ones, standardised when asked.
    static func load(_ specifier: DatasetSpecifier, limit: Int?, standardize: Bool, table: CSVReadOptions) throws -> ClusteringData {
        let data = try DataPreparation.load(specifier, seed: 0, limit: limit, table: table,
                                            split: DataSplit(testFraction: 0, standardize: standardize)).flattened()
        var inputs = data.train.inputs
        if standardize, data.standardizer == nil { inputs = Standardizer(fitting: inputs).transform(inputs) }
        let classes = data.task == .classification ? data.train.targets.scalars.map { Int($0) } : nil
        return ClusteringData(name: data.name, features: inputs, classes: classes, classNames: data.classNames)
    }
}

/// The scores of a clustering: internal ones (on the rows) and, with true classes, agreement ones.
struct ClusteringScores {
    var clusterCount: Int
    var noiseCount: Int
    /// (name, formatted value) in print order.
    var rows: [(String, String)] = []
    /// (name, value) for metrics.json.
    var values: [(String, Double)] = []

    init(x: Tensor, labels: [Int], truth: [Int]?, inertia: Double?) {
        clusterCount = Set(labels.filter { $0 >= 0 }).count
        noiseCount = labels.filter { $0 < 0 }.count
        var values: [(String, Double)] = []
        if let inertia { values.append(("inertia", inertia)) }
        let distinct = Set(labels).count
        if distinct >= 2 && distinct < labels.count {
            values.append(("silhouette", silhouetteScore(x, labels: labels)))
            values.append(("davies_bouldin", daviesBouldinScore(x, labels: labels)))
            values.append(("calinski_harabasz", calinskiHarabaszScore(x, labels: labels)))
        }
        if let truth {
            let agreement = HomogeneityCompleteness(true: truth, predicted: labels)
            values += [("adjusted_rand_index", adjustedRandIndex(true: truth, predicted: labels)),
                       ("adjusted_mutual_information", adjustedMutualInformation(true: truth, predicted: labels)),
                       ("normalized_mutual_information", normalizedMutualInformation(true: truth, predicted: labels)),
                       ("homogeneity", agreement.homogeneity), ("completeness", agreement.completeness),
                       ("v_measure", agreement.vMeasure)]
        }
        self.values = values
        rows = values.map { ($0.0.replacingOccurrences(of: "_", with: " "), Self.format($0.1)) }
    }

    static func format(_ value: Double) -> String {
        abs(value) >= 1000 ? String(format: "%.1f", value) : String(format: "%.4f", value)
    }
}

/// Inertia and mean silhouette of k-means for each k: the elbow and the silhouette peak (chapter 17).
struct ElbowCurve {
    var ks: [Int]
    var inertias: [Double]
    var silhouettes: [Double]

    init(x: Tensor, ks: [Int], inits: Int, seed: UInt64) throws {
        let usable = ks.filter { $0 < x.shape[0] }
        var inertias: [Double] = [], silhouettes: [Double] = []
        for k in usable {
            let model = try KMeans(clusterCount: k, initCount: inits, seed: seed).fit(x)
            inertias.append(model.inertia)
            silhouettes.append(Set(model.labels).count >= 2 ? silhouetteScore(x, labels: model.labels) : .nan)
        }
        (self.ks, self.inertias, self.silhouettes) = (usable, inertias, silhouettes)
    }
}
