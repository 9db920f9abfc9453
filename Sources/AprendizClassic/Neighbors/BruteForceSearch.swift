import AprendizTensor
import Foundation

/// Exhaustive neighbour search: the distances from a block of queries to every training row, a block of
/// training rows at a time, keeping each query's best (scikit-learn's `algorithm="brute"`).
///
/// For (squared) euclidean and cosine distances the block is one matrix product (float64 BLAS through
/// ``DoubleBLAS``, Swift loops when no BLAS is loaded):
/// ```
/// ‖q − x‖² = ‖q‖² + ‖x‖² − 2 qᵀx      (clamped at 0)        cosine: 1 − q̂ᵀx̂
/// ```
/// which loses digits when q and x are close, so the k rows kept are re-measured directly
/// (Σ(qⱼ − xⱼ)²) before the final sort: the distances returned are the exact ones, as a k-d tree's.
/// Other metrics sum |qⱼ − xⱼ|ᵖ over the block in loops that vectorise across training rows. Query
/// blocks run in parallel on the ``Parallel`` pool; each query's result does not depend on the thread count.
struct BruteForceSearch: Sendable {
    /// Training rows per block; block c is stored feature-major (`[features, size]`) so that one feature of
    /// consecutive rows is contiguous (the B operand of the product, and the vector direction of the loops).
    static let blockSize = 256
    /// Queries per parallel task.
    static let queryBlock = 256

    let count: Int
    let features: Int
    let reduced: ReducedDistance
    /// The training rows, block-wise feature-major (see ``blockSize``); unit-normalised for cosine.
    let blocks: [Double]
    /// ‖xᵢ‖² for the product form (empty for other metrics).
    let squaredNorms: [Double]

    init(_ x: Tensor, reduced: ReducedDistance) {
        let (n, d) = (x.shape[0], x.shape[1])
        count = n
        features = d
        self.reduced = reduced
        var rows = DenseMatrix(x).values
        if reduced == .cosine { Self.normalizeRows(&rows, columns: d) }
        var blocks = [Double](repeating: 0, count: n * d)
        for start in stride(from: 0, to: n, by: Self.blockSize) {
            let size = min(Self.blockSize, n - start)
            for i in 0..<size { for j in 0..<d { blocks[start * d + j * size + i] = rows[(start + i) * d + j] } }
        }
        self.blocks = blocks
        if case .squared = reduced {
            squaredNorms = (0..<n).map { i in (0..<d).reduce(0) { $0 + rows[i * d + $1] * rows[i * d + $1] } }
        } else {
            squaredNorms = []
        }
    }

    /// Divides each row of a row-major matrix by its euclidean norm (zero rows stay zero, as scikit-learn's `normalize`).
    static func normalizeRows(_ rows: inout [Double], columns d: Int) {
        guard d > 0 else { return }
        for start in stride(from: 0, to: rows.count, by: d) {
            let norm = (start..<(start + d)).reduce(0) { $0 + rows[$1] * rows[$1] }.squareRoot()
            if norm > 0 { for j in start..<(start + d) { rows[j] /= norm } }
        }
    }

    /// The training row `i`'s coordinate `j` in the block layout.
    @inline(__always) func offset(ofRow i: Int) -> (base: Int, stride: Int) {
        let start = i / Self.blockSize * Self.blockSize
        return (start * features + (i - start), min(Self.blockSize, count - start))
    }

    /// The exact reduced distance between a query row and training row `i` (same summation order as the k-d tree's).
    @inline(__always) func exactReduced(_ q: UnsafePointer<Double>, _ i: Int, _ data: UnsafePointer<Double>) -> Double {
        let (base, stride) = offset(ofRow: i)
        return exactReduced(q, data + base, stride: stride)
    }

    /// The exact reduced distance between a query row and the row whose coordinate j is at `row[j * stride]`.
    @inline(__always) func exactReduced(_ q: UnsafePointer<Double>, _ row: UnsafePointer<Double>, stride: Int) -> Double {
        var total = 0.0
        switch reduced {
        case .squared: for j in 0..<features { let t = q[j] - row[j * stride]; total += t * t }
        case .absolute: for j in 0..<features { total += abs(q[j] - row[j * stride]) }
        case .maximum: for j in 0..<features { total = max(total, abs(q[j] - row[j * stride])) }
        case .power(let p): for j in 0..<features { total += pow(abs(q[j] - row[j * stride]), p) }
        case .cosine:
            for j in 0..<features { total += q[j] * row[j * stride] }
            return min(max(1 - total, 0), 2)
        }
        return total
    }

    /// Calls `visit(query, block start, tile)` for each query block and training block, where `tile` holds the
    /// approximate reduced distances `[queries, size]` (exact for the metrics computed by loops). Query blocks
    /// run in parallel; `visit` is called for one query block's training blocks in order, on one thread.
    func forEachTile(_ queries: [Double], queryCount: Int,
                     _ visit: (_ queryStart: Int, _ rows: Int, _ blockStart: Int, _ size: Int, _ tile: UnsafeMutablePointer<Double>) -> Void) {
        let d = features
        let blockCount = (queryCount + Self.queryBlock - 1) / Self.queryBlock
        queries.withUnsafeBufferPointer { q in
            blocks.withUnsafeBufferPointer { data in
                Parallel.forEach(blockCount) { b in
                    let q0 = b * Self.queryBlock, rows = min(Self.queryBlock, queryCount - q0)
                    let tile = UnsafeMutablePointer<Double>.allocate(capacity: rows * Self.blockSize)
                    let transposed = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
                    defer { tile.deallocate(); transposed.deallocate() }
                    for r in 0..<rows { for j in 0..<d { transposed[j * rows + r] = q[(q0 + r) * d + j] } }
                    let queryNorms = (0..<rows).map { r in (0..<d).reduce(0.0) { $0 + q[(q0 + r) * d + $1] * q[(q0 + r) * d + $1] } }
                    for start in stride(from: 0, to: count, by: Self.blockSize) {
                        let size = min(Self.blockSize, count - start)
                        let block = data.baseAddress! + start * d
                        fillTile(tile, rows: rows, size: size, queries: q.baseAddress! + q0 * d, transposed: transposed,
                                 block: block, queryNorms: queryNorms, blockStart: start)
                        visit(q0, rows, start, size, tile)
                    }
                }
            }
        }
    }

    /// One tile of reduced distances between `rows` queries and a training block of `size` rows.
    private func fillTile(_ tile: UnsafeMutablePointer<Double>, rows: Int, size: Int, queries: UnsafePointer<Double>,
                          transposed: UnsafePointer<Double>, block: UnsafePointer<Double>, queryNorms: [Double], blockStart: Int) {
        let d = features
        switch reduced {
        case .squared, .cosine:
            innerProducts(tile, rows: rows, size: size, transposed: transposed, block: block)
            if reduced == .cosine {
                for t in 0..<(rows * size) { tile[t] = min(max(1 - tile[t], 0), 2) }
            } else {
                squaredNorms.withUnsafeBufferPointer { norms in
                    for r in 0..<rows {
                        let row = tile + r * size, qn = queryNorms[r]
                        for t in 0..<size { row[t] = max(qn + norms[blockStart + t] - 2 * row[t], 0) }
                    }
                }
            }
        case .absolute:
            ManhattanTile.fill(tile, rows: rows, size: size, features: d, queries: queries, transposed: transposed, block: block)
        case .maximum, .power:
            tile.update(repeating: 0, count: rows * size)
            for r in 0..<rows {
                let row = tile + r * size
                for j in 0..<d {
                    let v = queries[r * d + j], column = block + j * size
                    for t in 0..<size { row[t] = reduced.combine(row[t], reduced.term(abs(v - column[t]))) }
                }
            }
        }
    }

    /// tile `[rows, size]` ← Qᵀᵀ·B for the transposed queries `[d, rows]` and the block `[d, size]`.
    private func innerProducts(_ tile: UnsafeMutablePointer<Double>, rows: Int, size: Int,
                               transposed: UnsafePointer<Double>, block: UnsafePointer<Double>) {
        let d = features
        if let blas = DoubleBLAS.shared {
            blas.dgemm(transposeA: true, m: rows, n: size, k: d, a: transposed, lda: rows, b: block, c: tile)
            return
        }
        tile.update(repeating: 0, count: rows * size)
        for r in 0..<rows {
            let row = tile + r * size
            for j in 0..<d {
                let v = transposed[j * rows + r], column = block + j * size
                for t in 0..<size { row[t] += v * column[t] }
            }
        }
    }

    /// The k nearest training rows of each query (row-major `[queryCount, features]`), excluding query i's own
    /// training row i when `excludingSelf`.
    func kneighbors(_ queries: [Double], queryCount: Int, k: Int, excludingSelf: Bool) -> (reduced: [Double], indices: [Int]) {
        var bestDistances = [Double](repeating: .infinity, count: queryCount * k)
        var bestIndices = [Int](repeating: -1, count: queryCount * k)
        bestDistances.withUnsafeMutableBufferPointer { bd in
            bestIndices.withUnsafeMutableBufferPointer { bi in
                let (bdp, bip) = (bd.baseAddress!, bi.baseAddress!)
                forEachTile(queries, queryCount: queryCount) { q0, rows, start, size, tile in
                    for r in 0..<rows {
                        let query = q0 + r
                        var list = NeighborList(distances: bdp + query * k, indices: bip + query * k, capacity: k)
                        let row = tile + r * size
                        for t in 0..<size where row[t] <= list.bound {
                            if excludingSelf && start + t == query { continue }
                            list.insert(row[t], start + t)
                        }
                    }
                }
                refine(queries, queryCount: queryCount, k: k, rowsAreQueries: excludingSelf, bdp, bip)
            }
        }
        return (bestDistances, bestIndices)
    }

    /// Replaces the product-form distances of the kept rows by exact ones and re-sorts (see the type's comment);
    /// blocks of queries in parallel (each query's list is its own). When the queries are the training rows
    /// (`rowsAreQueries`, the k-NN graph) row j is read contiguously from `queries` instead of strided from its
    /// block (one cache line per feature there): the same values summed in the same order.
    private func refine(_ queries: [Double], queryCount: Int, k: Int, rowsAreQueries: Bool,
                        _ bd: UnsafeMutablePointer<Double>, _ bi: UnsafeMutablePointer<Int>) {
        guard reduced == .squared(root: true) || reduced == .squared(root: false) || reduced == .cosine else { return }
        queries.withUnsafeBufferPointer { q in
            blocks.withUnsafeBufferPointer { data in
                Parallel.forEach((queryCount + Self.queryBlock - 1) / Self.queryBlock) { b in
                    for query in (b * Self.queryBlock)..<min(queryCount, (b + 1) * Self.queryBlock) {
                        let row = q.baseAddress! + query * features
                        for s in 0..<k where bi[query * k + s] >= 0 {
                            let j = bi[query * k + s]
                            bd[query * k + s] = rowsAreQueries ? exactReduced(row, q.baseAddress! + j * features, stride: 1)
                                : exactReduced(row, j, data.baseAddress!)
                        }
                        NeighborList(distances: bd + query * k, indices: bi + query * k, capacity: k).resort()
                    }
                }
            }
        }
    }

    /// Every training row within reduced distance `bound` of each query (exactly measured), excluding the
    /// query's own row when `excludingSelf`; unsorted (index, reduced distance) pairs.
    func radiusNeighbors(_ queries: [Double], queryCount: Int, bound: Double, excludingSelf: Bool) -> [[(Double, Int)]] {
        var found = [[(Double, Int)]](repeating: [], count: queryCount)
        // The product form is off by rounding (relative to ‖q‖² + ‖x‖²): take candidates with a margin, then
        // measure them exactly.
        let largestNorm = squaredNorms.max() ?? 0
        found.withUnsafeMutableBufferPointer { out in
            let outp = out.baseAddress!
            queries.withUnsafeBufferPointer { q in
                blocks.withUnsafeBufferPointer { data in
                    forEachTile(queries, queryCount: queryCount) { q0, rows, start, size, tile in
                        for r in 0..<rows {
                            let query = q0 + r, row = tile + r * size
                            let qp = q.baseAddress! + query * features
                            let qn = (0..<features).reduce(0.0) { $0 + qp[$1] * qp[$1] }
                            let margin = 1e-9 * (bound + qn + largestNorm + 1)
                            for t in 0..<size where row[t] <= bound + margin {
                                if excludingSelf && start + t == query { continue }
                                let exact = exactReduced(qp, start + t, data.baseAddress!)
                                if exact <= bound { outp[query].append((exact, start + t)) }
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}
