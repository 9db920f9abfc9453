import AprendizTensor

/// How ``NearestNeighbors`` searches (scikit-learn's `algorithm`): `auto` picks a k-d tree for few features
/// and brute force otherwise; every choice returns the same neighbours.
public enum NeighborAlgorithm: String, Catalogue, Codable {
    /// A k-d tree when the metric allows one and there are at most 15 features (scikit-learn's rule), and
    /// the query asks for fewer than half the training rows; brute force otherwise (default).
    case auto
    /// Every distance, in blocks of matrix products (`BruteForceSearch`).
    case brute
    /// A k-d tree (`KDTree`); not for cosine distance.
    case kdTree = "kd-tree"

    public static let familyName = "neighbour algorithm"

    /// Features above which `auto` uses brute force (scikit-learn: 15).
    static let treeFeatureLimit = 15
}
