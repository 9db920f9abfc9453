import Aprendiz

/// The clustering algorithms of `aprendiz cluster --method` (chapter 17): the one source of their
/// names, help and construction.
enum ClusteringMethod: String, Catalogue {
    case kmeans
    case minibatchKMeans = "minibatch-kmeans"
    case agglomerative
    case dbscan

    static let familyName = "clustering method"

    /// One line for `--help`.
    var summary: String {
        switch self {
        case .kmeans: "k-means++ then Lloyd or Elkan iterations (--clusters, --inits, --seed, --algorithm)"
        case .minibatchKMeans: "k-means on random batches of 1 024 rows (--clusters, --seed)"
        case .agglomerative: "hierarchical merging (--clusters or --distance-threshold, --linkage)"
        case .dbscan: "density-based, noise labelled -1 (--eps, --min-samples)"
        }
    }
}

extension AgglomerativeClustering.Linkage: Catalogue {
    /// The option family's name in error messages.
    public static let familyName = "linkage"
}

extension KMeans.Algorithm: Catalogue {
    /// The option family's name in error messages.
    public static let familyName = "k-means algorithm"
}
