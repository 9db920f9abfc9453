import AprendizTensor

/// Elkan's k-means iterations (Elkan 2003; scikit-learn 1.9's `_kmeans_single_elkan` and
/// `_k_means_elkan.pyx`): the same assignments and centres as Lloyd's (up to rounding) with most
/// row–centre distances skipped by the triangle inequality.
///
/// Each row keeps an upper bound uᵢ ≥ ‖xᵢ − c_ℓᵢ‖ and lower bounds lᵢⱼ ≤ ‖xᵢ − cⱼ‖; with the centre
/// half-distances hⱼⱼ′ = ‖cⱼ − cⱼ′‖ / 2 and sⱼ = min_{j′≠j} hⱼⱼ′:
/// ```
/// skip row i           if s_ℓᵢ ≥ uᵢ                       (no centre can be nearer)
/// skip centre j        unless uᵢ > lᵢⱼ and uᵢ > h_ℓᵢⱼ
/// otherwise            uᵢ ← ‖xᵢ − c_ℓᵢ‖ (once), then dᵢⱼ = ‖xᵢ − cⱼ‖, lᵢⱼ ← dᵢⱼ, relabel if dᵢⱼ < uᵢ
/// after the update     uᵢ ← uᵢ + δ_ℓᵢ,   lᵢⱼ ← max(lᵢⱼ − δⱼ, 0),   δⱼ = ‖cⱼ⁽ᵗ⁺¹⁾ − cⱼ⁽ᵗ⁾‖
/// ```
/// Stopping, empty-cluster relocation and the final E-step are Lloyd's (``LloydIterations``). Distances
/// are accumulated in `Float` (eight lanes), bounds kept in `Double`; per-block cluster sums in
/// `Double` are added in block order, so the result does not depend on the thread count.
struct ElkanIterations {
    let rows: CentredRows
    let maxIterations: Int
    /// Stop when Σ‖Δc‖² ≤ threshold.
    let threshold: Double

    /// The bounds and labels carried from one iteration to the next.
    private struct Bounds {
        var upper: [Double]
        var lower: [Double]
        var labels: [Int]
    }

    /// The centre geometry of one iteration: half-distances `[k, k]` and each centre's nearest half-distance.
    private struct CentreGeometry {
        let half: [Double]
        let next: [Double]

        init(_ centres: [Float], clusters k: Int, columns p: Int) {
            var half = [Double](repeating: 0, count: k * k)
            centres.withUnsafeBufferPointer { c in
                for a in 0..<k { for b in (a + 1)..<k {
                    let h = Double(ElkanIterations.distance(c.baseAddress! + a * p, c.baseAddress! + b * p, p)) / 2
                    half[a * k + b] = h; half[b * k + a] = h
                } }
            }
            self.half = half
            next = (0..<k).map { a in (0..<k).filter { $0 != a }.map { half[a * k + $0] }.min() ?? .infinity }
        }
    }

    func run(from start: [Float]) throws -> LloydResult {
        let (p, k) = (rows.columns, start.count / rows.columns)
        var centres = start, geometry = CentreGeometry(start, clusters: k, columns: p)
        var bounds = initialBounds(centres, geometry, clusters: k)
        var previous = [Int](repeating: -1, count: rows.count), iterations = 0, converged = false
        let lloyd = LloydIterations(rows: rows, maxIterations: maxIterations, threshold: threshold)
        while iterations < maxIterations {
            iterations += 1
            var step = assign(centres, geometry, &bounds, clusters: k, previous: previous, updating: true)
            if step.counts.contains(0) { step.distances = squaredDistances(centres, labels: step.labels) }
            let updated = try lloyd.newCentres(step, old: centres, clusters: k)
            let shifts = (0..<k).map { j in
                Double(Self.distanceSquared(updated, centres, from: j * p, count: p)).squareRoot()
            }
            shiftBounds(&bounds, by: shifts, clusters: k)
            centres = updated
            geometry = CentreGeometry(centres, clusters: k, columns: p)
            if step.changed == 0 { converged = true; break }
            if shifts.reduce(0, { $0 + $1 * $1 }) <= threshold { break }
            previous = bounds.labels
        }
        if !converged { _ = assign(centres, geometry, &bounds, clusters: k, previous: nil, updating: false) }
        var inertia = 0.0
        for i in 0..<rows.count {
            let j = bounds.labels[i]
            inertia += rows.squaredDistance(i, centres[(j * p)..<((j + 1) * p)])
        }
        return LloydResult(centres: centres, labels: bounds.labels, inertia: inertia, iterations: iterations)
    }

    /// scikit-learn's `init_bounds_dense`: the nearest centre of each row, computing ‖xᵢ − cⱼ‖ only when
    /// the best so far exceeds h_best,j.
    private func initialBounds(_ centres: [Float], _ geometry: CentreGeometry, clusters k: Int) -> Bounds {
        let (n, p) = (rows.count, rows.columns)
        var bounds = Bounds(upper: [Double](repeating: 0, count: n), lower: [Double](repeating: 0, count: n * k),
                            labels: [Int](repeating: 0, count: n))
        withBuffers(&bounds, centres) { x, c, upper, lower, labels in
            Parallel.forEach((n + LloydIterations.blockSize - 1) / LloydIterations.blockSize) { block in
                for i in (block * LloydIterations.blockSize)..<min(n, (block + 1) * LloydIterations.blockSize) {
                    var best = 0, nearest = Double(Self.distance(x.base + i * p, c.base, p))
                    lower[i * k] = nearest
                    for j in 1..<max(k, 1) where nearest > geometry.half[best * k + j] {
                        let d = Double(Self.distance(x.base + i * p, c.base + j * p, p))
                        lower[i * k + j] = d
                        if d < nearest { (best, nearest) = (j, d) }
                    }
                    labels[i] = best; upper[i] = nearest
                }
            }
        }
        return bounds
    }

    /// One pass of `elkan_iter_chunked_dense` over blocks of rows: relabels the rows against `centres`,
    /// tightening their bounds; with `updating`, sums the rows per cluster (per block, then in block order)
    /// and counts the labels that differ from `previous`.
    private func assign(_ centres: [Float], _ geometry: CentreGeometry, _ bounds: inout Bounds, clusters k: Int,
                        previous: [Int]?, updating: Bool) -> LloydIterations.Assignment {
        let (n, p) = (rows.count, rows.columns), size = LloydIterations.blockSize
        let blocks = (n + size - 1) / size
        var sums = [Double](repeating: 0, count: updating ? blocks * k * p : 0)
        var counts = [Int](repeating: 0, count: blocks * k), changed = [Int](repeating: 0, count: blocks)
        withBuffers(&bounds, centres) { x, c, upper, lower, labels in
            sums.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { m in
                    changed.withUnsafeMutableBufferPointer { changed in
                        let (s, m, changed) = (UncheckedBuffer(s), UncheckedBuffer(m), UncheckedBuffer(changed))
                        Parallel.forEach(blocks) { block in
                            for i in (block * size)..<min(n, (block + 1) * size) {
                                let label = relabel(i, x.base + i * p, c.base, geometry, upper, lower, labels, clusters: k)
                                if let previous, previous[i] != label { changed[block] += 1 }
                                m[block * k + label] += 1
                                guard updating else { continue }
                                let sum = (block * k + label) * p
                                for f in 0..<p { s[sum + f] += Double(x.base[i * p + f]) }
                            }
                        }
                    }
                }
            }
        }
        var totalSums = [Double](repeating: 0, count: k * p), totalCounts = [Int](repeating: 0, count: k)
        for block in 0..<blocks {
            if updating { for m in 0..<(k * p) { totalSums[m] += sums[block * k * p + m] } }
            for j in 0..<k { totalCounts[j] += counts[block * k + j] }
        }
        return LloydIterations.Assignment(labels: bounds.labels, distances: [], sums: totalSums, counts: totalCounts,
                                          changed: changed.reduce(0, +))
    }

    /// The Elkan update of row i (scikit-learn's `_update_chunk_dense`); returns its label.
    @inline(__always)
    private func relabel(_ i: Int, _ row: UnsafeMutablePointer<Float>, _ centres: UnsafeMutablePointer<Float>,
                         _ geometry: CentreGeometry, _ upper: UncheckedBuffer<Double>, _ lower: UncheckedBuffer<Double>,
                         _ labels: UncheckedBuffer<Int>, clusters k: Int) -> Int {
        let p = rows.columns
        var label = labels[i], bound = upper[i], tight = false
        guard geometry.next[label] < bound else { return label }
        for j in 0..<k where j != label && bound > lower[i * k + j] && bound > geometry.half[label * k + j] {
            if !tight {
                bound = Double(Self.distance(row, centres + label * p, p))
                lower[i * k + label] = bound
                tight = true
            }
            // scikit-learn tests `or` here: with the tightened bound either test may now fail.
            if bound > lower[i * k + j] || bound > geometry.half[label * k + j] {
                let d = Double(Self.distance(row, centres + j * p, p))
                lower[i * k + j] = d
                if d < bound { (label, bound) = (j, d) }
            }
        }
        labels[i] = label; upper[i] = bound
        return label
    }

    /// uᵢ += δ_ℓᵢ, lᵢⱼ = max(lᵢⱼ − δⱼ, 0).
    private func shiftBounds(_ bounds: inout Bounds, by shifts: [Double], clusters k: Int) {
        for i in 0..<rows.count {
            bounds.upper[i] += shifts[bounds.labels[i]]
            for j in 0..<k { bounds.lower[i * k + j] = max(bounds.lower[i * k + j] - shifts[j], 0) }
        }
    }

    /// ‖xᵢ − c_ℓᵢ‖² in `Double` for every row (for the relocation of empty clusters).
    private func squaredDistances(_ centres: [Float], labels: [Int]) -> [Double] {
        let p = rows.columns
        return (0..<rows.count).map { i in rows.squaredDistance(i, centres[(labels[i] * p)..<((labels[i] + 1) * p)]) }
    }

    /// Runs `body` with unchecked pointers to the rows, the centres and the bounds.
    private func withBuffers(_ bounds: inout Bounds, _ centres: [Float],
                             _ body: (UncheckedPointer<Float>, UncheckedPointer<Float>, UncheckedBuffer<Double>,
                                      UncheckedBuffer<Double>, UncheckedBuffer<Int>) -> Void) {
        rows.values.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { c in
                bounds.upper.withUnsafeMutableBufferPointer { u in
                    bounds.lower.withUnsafeMutableBufferPointer { l in
                        bounds.labels.withUnsafeMutableBufferPointer { labels in
                            body(UncheckedPointer(x.baseAddress!), UncheckedPointer(c.baseAddress!), UncheckedBuffer(u),
                                 UncheckedBuffer(l), UncheckedBuffer(labels))
                        }
                    }
                }
            }
        }
    }

    /// ‖a − b‖ over `count` floats, accumulated in eight `Float` lanes (as scikit-learn's unrolled loop in float32).
    @inline(__always)
    static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>(), j = 0
        let (ra, rb) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        while j + 8 <= count {
            let d = ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            lanes += d * d
            j += 8
        }
        var sum = lanes.sum()
        while j < count { let d = a[j] - b[j]; sum += d * d; j += 1 }
        return sum.squareRoot()
    }

    /// ‖a[from..<from+count] − b[from..<from+count]‖² in `Double`.
    static func distanceSquared(_ a: [Float], _ b: [Float], from: Int, count: Int) -> Double {
        var sum = 0.0
        for m in from..<(from + count) { let d = Double(a[m]) - Double(b[m]); sum += d * d }
        return sum
    }
}
