import AprendizTensor
import Foundation

/// Exhaustive neighbour search: the distances from a block of queries to every training row, a block of
/// training rows at a time, keeping each query's best (scikit-learn's `algorithm="brute"`).
///
/// For (squared) euclidean and cosine distances the block is one matrix product
/// ```
/// ‖q − x‖² = ‖q‖² + ‖x‖² − 2 qᵀx      (clamped at 0)        cosine: 1 − q̂ᵀx̂
/// ```
/// which loses digits when q and x are close, so the rows kept are re-measured directly (Σ(qⱼ − xⱼ)² in
/// `Double`): the distances returned are the exact ones, as a k-d tree's.
/// - Euclidean: the product runs in `Float` (`sgemm`, twice the rate of `dgemm`) on the rows' own values (a
///   `Tensor` holds `Float`, so nothing is rounded on the way in). Its error is bounded
///   (Higham 2002, §3.1: |fl(qᵀx) − qᵀx| ≤ γ_d Σ|qⱼxⱼ| ≤ γ_d‖q‖‖x‖, γ_d = d·u/(1 − d·u), u = 2⁻²⁴), so each
///   query's approximate distances are within ε_q = 2γ_d‖q‖·maxᵢ‖xᵢ‖ (plus the `Double` sums' rounding) of the
///   exact ones. Every row whose approximate distance is within 2ε_q of the k-th best approximate one is kept
///   and measured exactly; a row beyond that margin is farther than the k-th nearest for certain. The
///   neighbours are therefore those of the exact distances (ties by the lower index), as a float64 search.
/// - Cosine: the product runs in `Double` (``DoubleBLAS``) on the unit-normalised rows; the k kept are
///   re-measured.
///
/// Without a BLAS the products run in Swift loops. Other metrics sum |qⱼ − xⱼ|ᵖ over the block in loops
/// that vectorise across training rows. Query blocks run in parallel on the ``Parallel`` pool; each
/// query's result does not depend on the thread count.
struct BruteForceSearch: Sendable {
    /// Training rows per block; block c is stored feature-major (`[features, size]`) so that one feature of
    /// consecutive rows is contiguous (the B operand of the product, and the vector direction of the loops).
    static let blockSize = 256
    /// Queries per parallel task.
    static let queryBlock = 256

    let count: Int
    let features: Int
    let reduced: ReducedDistance
    /// The training rows, block-wise feature-major (see ``blockSize``), for every metric but (squared)
    /// euclidean; unit-normalised for cosine.
    let blocks: [Double]
    /// (Squared) euclidean: the training rows in the same layout in `Float`, their own values.
    let singleBlocks: [Float]
    /// ‖xᵢ‖² for the product form (empty for other metrics).
    let squaredNorms: [Double]
    /// maxᵢ ‖xᵢ‖² (0 for other metrics).
    let largestSquaredNorm: Double
    /// 2γ_d·maxᵢ‖xᵢ‖: the `Float` product's part of ε_q per unit of ‖q‖ (see the type's comment); 0 for other metrics.
    let productSlack: Double
    /// The relative rounding bound of the `Double` sums (the norms, ‖q‖² + ‖x‖² − 2p, and the exact re-measure):
    /// 4γ_{d+3} in `Double`.
    let sumSlack: Double

    /// Whether the product form runs in `Float` (and the search screens with a margin).
    var screens: Bool { if case .squared = reduced { true } else { false } }

    init(_ x: Tensor, reduced: ReducedDistance) {
        let (n, d) = (x.shape[0], x.shape[1])
        count = n
        features = d
        self.reduced = reduced
        if case .squared = reduced {
            var single = [Float](repeating: 0, count: n * d)
            var norms = [Double](repeating: 0, count: n)
            x.withUnsafeBufferPointer { rows in
                for start in stride(from: 0, to: n, by: Self.blockSize) {
                    let size = min(Self.blockSize, n - start)
                    for i in 0..<size {
                        var total = 0.0
                        for j in 0..<d {
                            let v = rows[(start + i) * d + j]
                            single[start * d + j * size + i] = v
                            total += Double(v) * Double(v)
                        }
                        norms[start + i] = total
                    }
                }
            }
            blocks = []
            singleBlocks = single
            squaredNorms = norms
            largestSquaredNorm = norms.max() ?? 0
            let u = Double(Float.ulpOfOne) / 2
            let gamma = Double(d) * u < 1 ? Double(d) * u / (1 - Double(d) * u) : .infinity   // d ≥ 2²⁴: no bound, every row is kept
            productSlack = 2 * gamma * largestSquaredNorm.squareRoot()
            let u64 = Double.ulpOfOne / 2
            sumSlack = 4 * Double(d + 3) * u64 / (1 - Double(d + 3) * u64)
            return
        }
        var rows = DenseMatrix(x).values
        if reduced == .cosine { Self.normalizeRows(&rows, columns: d) }
        var blocks = [Double](repeating: 0, count: n * d)
        for start in stride(from: 0, to: n, by: Self.blockSize) {
            let size = min(Self.blockSize, n - start)
            for i in 0..<size { for j in 0..<d { blocks[start * d + j * size + i] = rows[(start + i) * d + j] } }
        }
        self.blocks = blocks
        singleBlocks = []
        squaredNorms = []
        largestSquaredNorm = 0
        productSlack = 0
        sumSlack = 0
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

    /// ε_q: how far a screened (approximate) distance of the query with squared norm `queryNorm` can be from
    /// the exact one (0 when the search does not screen).
    @inline(__always) func slack(queryNorm: Double) -> Double {
        guard screens else { return 0 }
        return productSlack * queryNorm.squareRoot() + sumSlack * (queryNorm + largestSquaredNorm)
    }

    /// The exact reduced distance between a query row and training row `i` (same summation order as the k-d tree's).
    @inline(__always) func exactReduced(_ q: UnsafePointer<Double>, _ i: Int) -> Double {
        let (base, stride) = offset(ofRow: i)
        if screens {
            return singleBlocks.withUnsafeBufferPointer { data in
                var total = 0.0
                for j in 0..<features { let t = q[j] - Double(data[base + j * stride]); total += t * t }
                return total
            }
        }
        return blocks.withUnsafeBufferPointer { exactReduced(q, $0.baseAddress! + base, stride: stride) }
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
    /// approximate reduced distances `[queries, size]` (exact for the metrics computed by loops; within
    /// ``slack(queryNorm:)`` of the exact ones when the search ``screens``). Query blocks run in parallel;
    /// `visit` is called for one query block's training blocks in order, on one thread.
    func forEachTile(_ queries: [Double], queryCount: Int,
                     _ visit: (_ queryStart: Int, _ rows: Int, _ blockStart: Int, _ size: Int, _ tile: UnsafeMutablePointer<Double>) -> Void) {
        let d = features
        let blockCount = (queryCount + Self.queryBlock - 1) / Self.queryBlock
        queries.withUnsafeBufferPointer { q in
            Parallel.forEach(blockCount) { b in
                let q0 = b * Self.queryBlock, rows = min(Self.queryBlock, queryCount - q0)
                let tile = UnsafeMutablePointer<Double>.allocate(capacity: rows * Self.blockSize)
                defer { tile.deallocate() }
                let queryNorms = (0..<rows).map { r in (0..<d).reduce(0.0) { $0 + q[(q0 + r) * d + $1] * q[(q0 + r) * d + $1] } }
                if screens {
                    singleTiles(q.baseAddress! + q0 * d, rows: rows, queryNorms: queryNorms, tile: tile) { start, size in
                        visit(q0, rows, start, size, tile)
                    }
                    return
                }
                let transposed = UnsafeMutablePointer<Double>.allocate(capacity: rows * d)
                defer { transposed.deallocate() }
                for r in 0..<rows { for j in 0..<d { transposed[j * rows + r] = q[(q0 + r) * d + j] } }
                blocks.withUnsafeBufferPointer { data in
                    for start in stride(from: 0, to: count, by: Self.blockSize) {
                        let size = min(Self.blockSize, count - start)
                        fillTile(tile, rows: rows, size: size, queries: q.baseAddress! + q0 * d, transposed: transposed,
                                 block: data.baseAddress! + start * d)
                        visit(q0, rows, start, size, tile)
                    }
                }
            }
        }
    }

    /// The screened (squared) euclidean tiles of one query block: `Float` products of the queries with each
    /// training block, then ‖q‖² + ‖x‖² − 2p in `Double`, clamped at 0.
    private func singleTiles(_ queries: UnsafePointer<Double>, rows: Int, queryNorms: [Double], tile: UnsafeMutablePointer<Double>,
                             _ visit: (_ blockStart: Int, _ size: Int) -> Void) {
        let d = features
        let single = UnsafeMutablePointer<Float>.allocate(capacity: rows * d)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: rows * Self.blockSize)
        defer { single.deallocate(); products.deallocate() }
        for t in 0..<(rows * d) { single[t] = Float(queries[t]) }
        singleBlocks.withUnsafeBufferPointer { data in
            squaredNorms.withUnsafeBufferPointer { norms in
                for start in stride(from: 0, to: count, by: Self.blockSize) {
                    let size = min(Self.blockSize, count - start)
                    MatrixMultiply.sgemm(transposeA: false, transposeB: false, m: rows, n: size, k: d, alpha: 1,
                                         a: single, lda: d, b: data.baseAddress! + start * d, ldb: size,
                                         beta: 0, c: products, ldc: size)
                    for r in 0..<rows {
                        let row = tile + r * size, product = products + r * size, qn = queryNorms[r]
                        for t in 0..<size { row[t] = max(qn + norms[start + t] - 2 * Double(product[t]), 0) }
                    }
                    visit(start, size)
                }
            }
        }
    }

    /// One tile of reduced distances between `rows` queries and a training block of `size` rows (the metrics
    /// that do not screen).
    private func fillTile(_ tile: UnsafeMutablePointer<Double>, rows: Int, size: Int, queries: UnsafePointer<Double>,
                          transposed: UnsafePointer<Double>, block: UnsafePointer<Double>) {
        let d = features
        switch reduced {
        case .cosine:
            innerProducts(tile, rows: rows, size: size, transposed: transposed, block: block)
            for t in 0..<(rows * size) { tile[t] = min(max(1 - tile[t], 0), 2) }
        case .absolute:
            ManhattanTile.fill(tile, rows: rows, size: size, features: d, queries: queries, transposed: transposed, block: block)
        case .maximum, .power, .squared:
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

    /// The squared norm of query row `query`.
    @inline(__always) private func squaredNorm(_ q: UnsafePointer<Double>) -> Double {
        (0..<features).reduce(0.0) { $0 + q[$1] * q[$1] }
    }

    /// The k nearest training rows of each query (row-major `[queryCount, features]`), excluding query i's own
    /// training row i when `excludingSelf`.
    func kneighbors(_ queries: [Double], queryCount: Int, k: Int, excludingSelf: Bool) -> (reduced: [Double], indices: [Int]) {
        if screens { return screenedKNeighbors(queries, queryCount: queryCount, k: k, excludingSelf: excludingSelf) }
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
                if reduced == .cosine { refine(queries, queryCount: queryCount, k: k, bdp, bip) }
            }
        }
        return (bestDistances, bestIndices)
    }

    /// The rows a screened query may still have among its k nearest: (approximate distance, index) pairs,
    /// pruned to the margin whenever the list doubles.
    private struct Candidates {
        var pairs: [(Double, Int)] = []
        var pruneAt = 64
    }

    /// ``kneighbors(_:queryCount:k:excludingSelf:)`` when the search ``screens``: a list of the k best approximate
    /// distances sets the bound; every row within 2ε_q of it is a candidate (see the type's comment), measured
    /// exactly at the end, and the k best exact ones (ties by the lower index) are returned. When the queries
    /// are the training rows (`excludingSelf`, the k-NN graph) a candidate is read contiguously from `queries`.
    private func screenedKNeighbors(_ queries: [Double], queryCount: Int, k: Int,
                                    excludingSelf: Bool) -> (reduced: [Double], indices: [Int]) {
        var screenDistances = [Double](repeating: .infinity, count: queryCount * k)
        var screenIndices = [Int](repeating: -1, count: queryCount * k)
        var candidates = [Candidates](repeating: Candidates(pruneAt: max(64, 4 * k)), count: queryCount)
        let margins = queries.withUnsafeBufferPointer { q in
            (0..<queryCount).map { 2 * slack(queryNorm: squaredNorm(q.baseAddress! + $0 * features)) }
        }
        screenDistances.withUnsafeMutableBufferPointer { sd in
            screenIndices.withUnsafeMutableBufferPointer { si in
                candidates.withUnsafeMutableBufferPointer { found in
                    let (sdp, sip, foundp) = (sd.baseAddress!, si.baseAddress!, found.baseAddress!)
                    forEachTile(queries, queryCount: queryCount) { q0, rows, start, size, tile in
                        for r in 0..<rows {
                            let query = q0 + r, margin = margins[query]
                            var list = NeighborList(distances: sdp + query * k, indices: sip + query * k, capacity: k)
                            let row = tile + r * size
                            for t in 0..<size where row[t] <= list.bound + margin {
                                if excludingSelf && start + t == query { continue }
                                list.insert(row[t], start + t)
                                foundp[query].pairs.append((row[t], start + t))
                            }
                            if foundp[query].pairs.count >= foundp[query].pruneAt {
                                let limit = list.bound + margin
                                foundp[query].pairs.removeAll { $0.0 > limit }
                                foundp[query].pruneAt = max(foundp[query].pruneAt, 2 * foundp[query].pairs.count)
                            }
                        }
                    }
                }
            }
        }
        var bestDistances = [Double](repeating: .infinity, count: queryCount * k)
        var bestIndices = [Int](repeating: -1, count: queryCount * k)
        bestDistances.withUnsafeMutableBufferPointer { bd in
            bestIndices.withUnsafeMutableBufferPointer { bi in
                let (bdp, bip) = (bd.baseAddress!, bi.baseAddress!)
                queries.withUnsafeBufferPointer { q in
                    Parallel.forEach((queryCount + Self.queryBlock - 1) / Self.queryBlock) { b in
                        for query in (b * Self.queryBlock)..<min(queryCount, (b + 1) * Self.queryBlock) {
                            let row = q.baseAddress! + query * features
                            let limit = screenDistances[query * k + k - 1] + margins[query]
                            var list = NeighborList(distances: bdp + query * k, indices: bip + query * k, capacity: k)
                            for (approximate, j) in candidates[query].pairs where approximate <= limit {
                                let exact = excludingSelf ? exactReduced(row, q.baseAddress! + j * features, stride: 1)
                                    : exactReduced(row, j)
                                list.insert(exact, j)
                            }
                        }
                    }
                }
            }
        }
        return (bestDistances, bestIndices)
    }

    /// Cosine: replaces the product-form distances of the k kept rows by exact ones and re-sorts (see the
    /// type's comment); blocks of queries in parallel (each query's list is its own).
    private func refine(_ queries: [Double], queryCount: Int, k: Int,
                        _ bd: UnsafeMutablePointer<Double>, _ bi: UnsafeMutablePointer<Int>) {
        queries.withUnsafeBufferPointer { q in
            Parallel.forEach((queryCount + Self.queryBlock - 1) / Self.queryBlock) { b in
                for query in (b * Self.queryBlock)..<min(queryCount, (b + 1) * Self.queryBlock) {
                    let row = q.baseAddress! + query * features
                    for s in 0..<k where bi[query * k + s] >= 0 {
                        bd[query * k + s] = exactReduced(row, bi[query * k + s])
                    }
                    NeighborList(distances: bd + query * k, indices: bi + query * k, capacity: k).resort()
                }
            }
        }
    }

    /// Every training row within reduced distance `bound` of each query (exactly measured), excluding the
    /// query's own row when `excludingSelf`; unsorted (index, reduced distance) pairs.
    func radiusNeighbors(_ queries: [Double], queryCount: Int, bound: Double, excludingSelf: Bool) -> [[(Double, Int)]] {
        var found = [[(Double, Int)]](repeating: [], count: queryCount)
        // The product forms are off by rounding: take candidates with a margin (ε_q when screening, else
        // relative to ‖q‖² + ‖x‖²), then measure them exactly.
        let largestNorm = squaredNorms.max() ?? 0
        found.withUnsafeMutableBufferPointer { out in
            let outp = out.baseAddress!
            queries.withUnsafeBufferPointer { q in
                forEachTile(queries, queryCount: queryCount) { q0, rows, start, size, tile in
                    for r in 0..<rows {
                        let query = q0 + r, row = tile + r * size
                        let qp = q.baseAddress! + query * features
                        let qn = squaredNorm(qp)
                        let margin = 1e-9 * (bound + qn + largestNorm + 1) + slack(queryNorm: qn)
                        for t in 0..<size where row[t] <= bound + margin {
                            if excludingSelf && start + t == query { continue }
                            let exact = exactReduced(qp, start + t)
                            if exact <= bound { outp[query].append((exact, start + t)) }
                        }
                    }
                }
            }
        }
        return found
    }
}
