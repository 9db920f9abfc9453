import AprendizTensor

/// The k nearest neighbours of each query row, as returned by ``NeighborIndex/kneighbors(_:k:excludingSelf:)``:
/// row q holds the k training rows closest to query q, sorted by ascending distance, ties by lower index
/// (scikit-learn's brute-force order).
public struct KNeighborsResult: Sendable, Equatable {
    /// The number of queries.
    public let queryCount: Int
    /// Neighbours per query.
    public let k: Int
    /// Distances, row-major `[queryCount, k]`.
    public let distances: [Double]
    /// Training-row indices, row-major `[queryCount, k]`.
    public let indices: [Int]

    /// The result of `queryCount` queries from flat row-major arrays.
    public init(queryCount: Int, k: Int, distances: [Double], indices: [Int]) {
        require(distances.count == queryCount * k && indices.count == queryCount * k,
                "KNeighborsResult: \(distances.count) distances and \(indices.count) indices for \(queryCount) × \(k)")
        self.queryCount = queryCount
        self.k = k
        self.distances = distances
        self.indices = indices
    }

    /// The distances as a `[queryCount, k]` tensor.
    public var distanceTensor: Tensor { Tensor(shape: [queryCount, k], scalars: distances.map(Float.init)) }
    /// The indices as a `[queryCount, k]` tensor (exact below 2²⁴ rows).
    public var indexTensor: Tensor { Tensor(shape: [queryCount, k], scalars: indices.map(Float.init)) }
    /// The distances of query `q`'s neighbours, ascending.
    public func distances(ofQuery q: Int) -> ArraySlice<Double> { distances[(q * k)..<((q + 1) * k)] }
    /// The indices of query `q`'s neighbours, nearest first.
    public func indices(ofQuery q: Int) -> ArraySlice<Int> { indices[(q * k)..<((q + 1) * k)] }
}

/// The training rows within a radius of each query, as returned by ``NeighborIndex/radiusNeighbors(_:radius:excludingSelf:)``:
/// for each query, the indices and distances of every training row at distance ≤ radius, sorted by ascending
/// distance, ties by lower index.
public struct RadiusNeighborsResult: Sendable, Equatable {
    /// `indices[q]`: the training rows within the radius of query q.
    public let indices: [[Int]]
    /// `distances[q]`: their distances, ascending.
    public let distances: [[Double]]
}

/// The k best (reduced distance, index) pairs seen so far for one query, kept sorted ascending with ties by
/// lower index, in two caller-owned buffers of k slots.
struct NeighborList {
    let distances: UnsafeMutablePointer<Double>
    let indices: UnsafeMutablePointer<Int>
    let capacity: Int
    private(set) var count = 0

    /// A list over buffers whose filled slots are those with an index ≥ 0 (fresh buffers hold −1).
    init(distances: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int>, capacity: Int) {
        self.distances = distances
        self.indices = indices
        self.capacity = capacity
        while count < capacity && indices[count] >= 0 { count += 1 }
    }

    /// The reduced distance a candidate must not exceed to enter: +∞ until the list is full.
    @inline(__always) var bound: Double { count < capacity ? .infinity : distances[capacity - 1] }

    /// Whether (d, i) comes before (e, j): smaller distance, or equal distance and lower index.
    @inline(__always) static func precedes(_ d: Double, _ i: Int, _ e: Double, _ j: Int) -> Bool { d < e || (d == e && i < j) }

    /// Inserts the candidate if it is among the k best.
    @inline(__always) mutating func insert(_ d: Double, _ index: Int) {
        if count == capacity {
            guard Self.precedes(d, index, distances[capacity - 1], indices[capacity - 1]) else { return }
        } else {
            count += 1
        }
        var slot = count - 1
        while slot > 0 && Self.precedes(d, index, distances[slot - 1], indices[slot - 1]) {
            distances[slot] = distances[slot - 1]
            indices[slot] = indices[slot - 1]
            slot -= 1
        }
        distances[slot] = d
        indices[slot] = index
    }

    /// Re-sorts the list after its distances were replaced (by exactly recomputed ones).
    func resort() {
        var pairs = (0..<count).map { (distances[$0], indices[$0]) }
        pairs.sort { Self.precedes($0.0, $0.1, $1.0, $1.1) }
        for (slot, pair) in pairs.enumerated() { (distances[slot], indices[slot]) = pair }
    }
}

/// (reduced distance, index) pairs sorted ascending, ties by lower index, then converted to distances.
func sortedNeighbors(_ pairs: [(Double, Int)], _ reduced: ReducedDistance) -> (indices: [Int], distances: [Double]) {
    let sorted = pairs.sorted { NeighborList.precedes($0.0, $0.1, $1.0, $1.1) }
    return (sorted.map(\.1), sorted.map { reduced.distance($0.0) })
}
