import AprendizTensor

/// Each point's k nearest other points (ascending distance) and their squared Euclidean distances,
/// row-major `count × k` — the input of Barnes–Hut t-SNE and UMAP.
struct NeighborGraph: Sendable {
    let count: Int
    let k: Int
    /// `indices[i·k + m]`: the m-th nearest neighbour of point i (never i itself).
    var indices: [Int]
    /// `squaredDistances[i·k + m]`: its squared distance to point i.
    var squaredDistances: [Double]
}

/// A symmetric sparse matrix in compressed rows: the nonzero p_ij of row i are
/// `values[rowStart[i]..<rowStart[i + 1]]` at columns `columns[…]`, columns ascending.
struct SparseAffinities: Sendable {
    let count: Int
    var rowStart: [Int]
    var columns: [Int]
    var values: [Double]

    /// (C + Cᵀ)/Σ(C + Cᵀ) for the `count × k` sparse matrix C with C[i, indices[i·k + m]] = values[i·k + m]
    /// (t-SNE's joint P).
    static func symmetrized(count n: Int, k: Int, indices: [Int], values: [Double]) -> SparseAffinities {
        var sum = combined(count: n, k: k, indices: indices, values: values) { $0 + $1 }
        let scale = 1 / max(sum.values.reduce(0, +), Double.ulpOfOne)
        sum.values = sum.values.map { $0 * scale }
        return sum
    }

    /// The matrix with entries `combine(C[i, j], C[j, i])` where both exist, else the one that does, for the
    /// `count × k` sparse C as above (C + Cᵀ for t-SNE; the fuzzy union C + Cᵀ − C∘Cᵀ for UMAP).
    static func combined(count n: Int, k: Int, indices: [Int], values: [Double],
                         _ combine: (Double, Double) -> Double) -> SparseAffinities {
        var entries: [(row: Int, column: Int, value: Double)] = []
        entries.reserveCapacity(2 * n * k)
        for i in 0..<n {
            for m in 0..<k where values[i * k + m] != 0 {
                let (j, v) = (indices[i * k + m], values[i * k + m])
                entries.append((i, j, v))
                if j != i { entries.append((j, i, v)) }
            }
        }
        // Sorting by (row, column) brings C[i, j] and C[j, i] (moved to row i) together.
        entries.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        var rowStart = [Int](repeating: 0, count: n + 1), columns: [Int] = [], merged: [Double] = []
        var previous = (row: -1, column: -1)
        for entry in entries {
            if previous == (entry.row, entry.column) {
                merged[merged.count - 1] = combine(merged[merged.count - 1], entry.value)
            } else {
                columns.append(entry.column)
                merged.append(entry.value)
                rowStart[entry.row + 1] = columns.count
                previous = (entry.row, entry.column)
            }
        }
        for i in 0..<n { rowStart[i + 1] = max(rowStart[i + 1], rowStart[i]) }
        return SparseAffinities(count: n, rowStart: rowStart, columns: columns, values: merged)
    }

    /// The matrix written out dense, `count × count` (for tests on small sets).
    var dense: [Double] {
        var d = [Double](repeating: 0, count: count * count)
        for i in 0..<count { for e in rowStart[i]..<rowStart[i + 1] { d[i * count + columns[e]] = values[e] } }
        return d
    }
}
