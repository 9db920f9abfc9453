import AprendizTensor

/// How the k neighbours of a query vote in ``KNeighborsClassifier`` and ``KNeighborsRegressor``
/// (scikit-learn's `weights`):
/// ```
/// uniform:   wᵢ = 1
/// distance:  wᵢ = 1 / d(q, xᵢ);  if some neighbours are at distance 0, they alone vote, each with weight 1
/// ```
public enum NeighborWeights: String, Catalogue, Codable {
    /// Every neighbour counts the same (default).
    case uniform
    /// Closer neighbours count more: 1/d.
    case distance

    public static let familyName = "neighbour weights"

    /// The weights of one query's neighbours at `distances` (`k` values), written to `weights`.
    func weights(_ distances: ArraySlice<Double>, into weights: inout [Double]) {
        weights.removeAll(keepingCapacity: true)
        switch self {
        case .uniform:
            weights.append(contentsOf: repeatElement(1, count: distances.count))
        case .distance:
            if distances.contains(0) {
                weights.append(contentsOf: distances.map { $0 == 0 ? 1 : 0 })
            } else {
                weights.append(contentsOf: distances.map { 1 / $0 })
            }
        }
    }
}
