import AprendizDistributed
import AprendizTensor

/// The outcome of one k-means run.
struct LloydResult {
    /// Centres of the centred rows, row-major `k × p`.
    var centres: [Float]
    var labels: [Int]
    var inertia: Double
    var iterations: Int
}

/// Lloyd's algorithm on blocks of rows spread over the ``Parallel`` pool: each block computes its
/// X_b·Cᵀ with one GEMM (into a tile on the stack, no allocation per block) — or, for k ≤ 16 centres, one
/// SIMD pass per row over the centres transposed into 16 lanes (fused multiply–adds; with so few centres a
/// GEMM spends as long copying the block into its packed layout as multiplying) —, assigns each row to the centre
/// minimising ‖c‖² − 2x·c, and sums its rows per
/// cluster into its own `Double` buffer; the buffers are then added in block order (deterministic for a
/// thread count and independent of it).
///
/// Across the ranks of a distributed run (every rank holding the same rows) each rank assigns its
/// contiguous share of the blocks (``Distributed/share(of:)``); the per-block sums and counts, zero
/// outside a rank's blocks, are all-reduced in `Double` (x + 0 = x exactly), so every rank adds the
/// same block sums in the same block order as one process: the same centres, bit for bit.
struct LloydIterations {
    let rows: CentredRows
    let maxIterations: Int
    /// Stop when Σ‖Δc‖² ≤ threshold.
    let threshold: Double
    /// The processes sharing the blocks (one process: all blocks here).
    var world: Distributed = .single

    /// Rows per parallel block.
    static let blockSize = 1024

    func run(from start: [Float]) throws -> LloydResult {
        let k = start.count / rows.columns
        var centres = start, labels = [Int](repeating: -1, count: rows.count), iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let step = try assign(centres, clusters: k, previous: labels, exchange: shareBlocks)
            let changed = step.changed > 0
            labels = step.labels
            let updated = try newCentres(step, old: centres, clusters: k)
            var shift = 0.0
            for m in 0..<centres.count { let d = Double(updated[m]) - Double(centres[m]); shift += d * d }
            centres = updated
            if !changed { converged = true; break }
            if shift <= threshold { break }
        }
        // Labels consistent with the final centres (scikit-learn's last E-step) and the exact inertia.
        let last = try assign(centres, clusters: k, previous: labels, exchange: shareBlocks)
        if !converged { labels = last.labels }
        labels = try everyRow(labels: labels, distances: nil).labels
        var inertia = 0.0
        let p = rows.columns
        for i in 0..<rows.count { inertia += rows.squaredDistance(i, centres[(labels[i] * p)..<((labels[i] + 1) * p)]) }
        return LloydResult(centres: centres, labels: labels, inertia: inertia, iterations: iterations)
    }

    /// One assignment pass: labels, each row's squared distance to its centre (both only of this
    /// rank's rows, 0 elsewhere), per-cluster sums and counts, how many labels differ from `previous`.
    struct Assignment {
        var labels: [Int]
        var distances: [Double]
        var sums: [Double]
        var counts: [Int]
        var changed: Int
    }

    /// One process's assignment of every block.
    func assign(_ centres: [Float], clusters k: Int) -> Assignment {
        assign(centres, clusters: k, previous: nil) { _ in }
    }

    /// Assigns this rank's blocks; `exchange` then makes the per-block sums, counts and changes
    /// (concatenated) every rank's (``shareBlocks(_:)``; nothing in one process).
    func assign(_ centres: [Float], clusters k: Int, previous: [Int]?,
                exchange: (inout [Double]) throws -> Void) rethrows -> Assignment {
        let (n, p) = (rows.count, rows.columns)
        let blocks = (n + Self.blockSize - 1) / Self.blockSize, own = world.share(of: blocks)
        var changed = [Int](repeating: 0, count: blocks)
        let centreNorms = (0..<k).map { j in (0..<p).reduce(Float(0)) { $0 + centres[j * p + $1] * centres[j * p + $1] } }
        let lanes = k <= Self.laneCount ? Self.transposedLanes(centres, clusters: k, columns: p) : []
        let stride = lanes.isEmpty ? k : Self.laneCount  // row stride of a block's products
        var labels = [Int](repeating: 0, count: n), distances = [Double](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: blocks * k * p), counts = [Int](repeating: 0, count: blocks * k)
        centreNorms.withUnsafeBufferPointer { norms in
        rows.values.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { c in
                labels.withUnsafeMutableBufferPointer { l in
                    distances.withUnsafeMutableBufferPointer { d in
                        sums.withUnsafeMutableBufferPointer { s in
                            counts.withUnsafeMutableBufferPointer { m in
                              changed.withUnsafeMutableBufferPointer { changed in
                                let (x, c) = (UncheckedPointer(x.baseAddress!), UncheckedPointer(c.baseAddress!))
                                let (l, d, s, m) = (UncheckedBuffer(l), UncheckedBuffer(d), UncheckedBuffer(s), UncheckedBuffer(m))
                                let changed = UncheckedBuffer(changed)
                                let norms = UncheckedPointer(norms.baseAddress!)
                                Parallel.forEach(own.count) { index in
                                    let block = own.lowerBound + index
                                    let first = block * Self.blockSize, size = min(Self.blockSize, n - first)
                                    withUnsafeTemporaryAllocation(of: Float.self, capacity: size * stride) { products in
                                        if lanes.isEmpty {
                                            MatrixMultiply.sgemm(transposeA: false, transposeB: true, m: size, n: k, k: p, alpha: 1,
                                                                 a: x.base + first * p, lda: p, b: c.base, ldb: p, beta: 0,
                                                                 c: products.baseAddress!, ldc: k)
                                        } else {
                                            Self.laneProducts(x.base + first * p, rows: size, columns: p, lanes: lanes,
                                                              into: products.baseAddress!)
                                        }
                                        for r in 0..<size {
                                            let i = first + r
                                            var best = 0, bestValue = Float.infinity
                                            for j in 0..<k {
                                                let value = norms.base[j] - 2 * products[r * stride + j]
                                                if value < bestValue { (best, bestValue) = (j, value) }
                                            }
                                            l[i] = best
                                            if let previous, previous[i] != best { changed[block] += 1 }
                                            d[i] = max(rows.squaredNorms[i] + Double(bestValue), 0)
                                            m[block * k + best] += 1
                                            let sum = s.base.baseAddress! + (block * k * p + best * p), row = x.base + i * p
                                            for f in 0..<p { sum[f] += Double(row[f]) }
                                        }
                                    }
                                }
                              }
                            }
                        }
                    }
                }
            }
        }
        }
        if world.usesMPI {
            var shared = sums + counts.map(Double.init) + changed.map(Double.init)
            try exchange(&shared)
            sums = Array(shared[0..<(blocks * k * p)])
            counts = shared[(blocks * k * p)..<(blocks * k * p + blocks * k)].map { Int($0) }
            changed = shared[(blocks * k * p + blocks * k)...].map { Int($0) }
        }
        var totalSums = [Double](repeating: 0, count: k * p), totalCounts = [Int](repeating: 0, count: k)
        for block in 0..<blocks {
            for m in 0..<(k * p) { totalSums[m] += sums[block * k * p + m] }
            for j in 0..<k { totalCounts[j] += counts[block * k + j] }
        }
        return Assignment(labels: labels, distances: distances, sums: totalSums, counts: totalCounts, changed: changed.reduce(0, +))
    }

    /// The most centres the SIMD path takes (one `SIMD16<Float>` per feature).
    static let laneCount = 16

    /// Cᵀ as one 16-lane vector per feature: lane j of vector f is c_jf (0 for j ≥ k).
    static func transposedLanes(_ centres: [Float], clusters k: Int, columns p: Int) -> [SIMD16<Float>] {
        (0..<p).map { f in
            var lane = SIMD16<Float>()
            for j in 0..<k { lane[j] = centres[j * p + f] }
            return lane
        }
    }

    /// products[16r + j] = x_r·c_j for the `rows` rows at `x`: Σ_f x_rf·(Cᵀ)_f as fused multiply–adds in
    /// feature order, four rows at a time (eight independent accumulators hide the multiply–add latency, and
    /// each centre vector is loaded once for the four rows).
    static func laneProducts(_ x: UnsafePointer<Float>, rows: Int, columns p: Int, lanes: [SIMD16<Float>],
                             into products: UnsafeMutablePointer<Float>) {
        lanes.withUnsafeBufferPointer { lanes in
            var r = 0
            while r + 3 < rows {
                let a = x + r * p, b = a + p, c = b + p, d = c + p
                var sumA = SIMD16<Float>(), sumB = SIMD16<Float>(), sumC = SIMD16<Float>(), sumD = SIMD16<Float>()
                for f in 0..<p {
                    let lane = lanes[f]
                    sumA.addProduct(SIMD16(repeating: a[f]), lane)
                    sumB.addProduct(SIMD16(repeating: b[f]), lane)
                    sumC.addProduct(SIMD16(repeating: c[f]), lane)
                    sumD.addProduct(SIMD16(repeating: d[f]), lane)
                }
                store(sumA, row: r, into: products); store(sumB, row: r + 1, into: products)
                store(sumC, row: r + 2, into: products); store(sumD, row: r + 3, into: products)
                r += 4
            }
            while r < rows {
                let a = x + r * p
                var sum = SIMD16<Float>()
                for f in 0..<p { sum.addProduct(SIMD16(repeating: a[f]), lanes[f]) }
                store(sum, row: r, into: products)
                r += 1
            }
        }
    }

    /// `sum` as row `row` of `products` (rows of 16 lanes; lanes ≥ k are 0 and never read).
    @inline(__always)
    private static func store(_ sum: SIMD16<Float>, row: Int, into products: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(products + row * laneCount).storeBytes(of: sum, as: SIMD16<Float>.self)
    }

    /// Every block's entries on every rank: one all-reduce (sum) of buffers that are 0 outside each rank's blocks.
    func shareBlocks(_ values: inout [Double]) throws { try world.allReduce(&values) }

    /// Every row's label (and distance) on every rank, from each rank's own rows (0 elsewhere).
    func everyRow(labels: [Int], distances: [Double]?) throws -> (labels: [Int], distances: [Double]) {
        guard world.usesMPI else { return (labels, distances ?? []) }
        var shared = labels.map(Double.init) + (distances ?? [])
        try world.allReduce(&shared)
        return (shared[0..<labels.count].map { Int($0) }, Array(shared[labels.count...]))
    }

    /// The cluster means; each empty cluster takes the row farthest from its centre (scikit-learn's
    /// relocation), which leaves its old cluster.
    func newCentres(_ step: Assignment, old: [Float], clusters k: Int) throws -> [Float] {
        let p = rows.columns
        var sums = step.sums, counts = step.counts
        let empty = (0..<k).filter { counts[$0] == 0 }
        if !empty.isEmpty {
            let all = try everyRow(labels: step.labels, distances: step.distances)
            let farthest = (0..<rows.count).sorted { all.distances[$0] > all.distances[$1] }.prefix(empty.count)
            for (cluster, row) in zip(empty, farthest) {
                let from = all.labels[row]
                for f in 0..<p {
                    let v = Double(rows.values[row * p + f])
                    sums[from * p + f] -= v; sums[cluster * p + f] = v
                }
                counts[from] -= 1; counts[cluster] = 1
            }
        }
        return (0..<(k * p)).map { m in counts[m / p] > 0 ? Float(sums[m] / Double(counts[m / p])) : old[m] }
    }
}
