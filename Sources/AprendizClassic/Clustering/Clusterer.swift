import AprendizTensor

/// An unsupervised clustering algorithm (chapter 17): hyper-parameters only; `clusterLabels` groups the
/// rows of x and returns one label per row — 0, 1, … for clusters, −1 for noise (``DBSCAN``).
public protocol Clusterer: Sendable {
    /// The algorithm's name in messages.
    static var name: String { get }
    /// The cluster label of each row of `x` (`[count, features]`, finite).
    func clusterLabels(_ x: Tensor) throws(ClassicError) -> [Int]
}
