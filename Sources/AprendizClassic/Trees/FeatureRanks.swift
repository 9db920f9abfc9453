import AprendizTensor

/// Each value's rank among its feature's distinct values, one byte per value, when every feature has at most
/// 256 distinct values (images, small integer codes, binned data):
/// ```
/// rank(x_if) = #{ distinct v in column f : v < x_if }            (ordered by the float's bits, as the sort)
/// ```
/// Sorting a node's rows by the rank is sorting them by the value, so the splitter's large nodes sort with
/// one stable counting pass over 256 buckets instead of four radix passes over the float's bytes — the same
/// order, hence the same tree. (scikit-learn sorts each node with introsort; LightGBM's pre-binning is the
/// same idea.) Nil when some feature has more than 256 distinct values. With the ranks, each feature's distinct
/// values in rank order (`values[f · 256 + r]`, the original floats bit for bit) stand in for the float columns:
/// x_if = values[f · 256 + rank(x_if)], so the training data keeps 1 byte per value instead of 4.
struct FeatureRanks: Sendable {
    /// Feature-major ranks: row i of feature f at `f · rowCount + i`.
    let ranks: [UInt8]
    /// Per feature, its distinct values by rank (256 slots; unused slots 0).
    let values: [Float]

    /// The ranks of the row-major `rows` (`rowCount` rows of `featureCount` values), or nil. Each feature's
    /// column is gathered into a scratch buffer of one task (no feature-major copy of the whole matrix).
    init?(rows: UnsafeBufferPointer<Float>, rowCount: Int, featureCount: Int) {
        let n = rowCount, p = featureCount
        guard n > 0, p > 0, rows.count >= n * p else { return nil }
        var fits = [Bool](repeating: true, count: p)
        var ranks = [UInt8](repeating: 0, count: n * p), values = [Float](repeating: 0, count: 256 * p)
        ranks.withUnsafeMutableBufferPointer { ranks in
            values.withUnsafeMutableBufferPointer { values in
                fits.withUnsafeMutableBufferPointer { fits in
                    let out = ranks.baseAddress!, table = values.baseAddress!, fitted = UncheckedBuffer(fits)
                    let source = rows.baseAddress!
                    Parallel.forEach(p) { f in
                        let column = UnsafeMutablePointer<Float>.allocate(capacity: n)
                        defer { column.deallocate() }
                        for i in 0..<n { column[i] = source[i * p + f] }
                        fitted[f] = Self.rank(column, n, into: out + f * n, values: table + f * 256)
                    }
                }
            }
        }
        guard !fits.contains(false) else { return nil }
        self.ranks = ranks
        self.values = values
    }

    /// Writes the ranks of one column; false (ranks unfinished) past 256 distinct values. The distinct keys
    /// are found through a 1024-slot open-addressing table, sorted, and each slot given its key's rank; `values`
    /// receives the distinct values in rank order.
    private static func rank(_ column: UnsafePointer<Float>, _ n: Int, into out: UnsafeMutablePointer<UInt8>,
                             values: UnsafeMutablePointer<Float>) -> Bool {
        let slots = 1024
        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: slots), used = UnsafeMutablePointer<Bool>.allocate(capacity: slots)
        let slotRanks = UnsafeMutablePointer<UInt8>.allocate(capacity: slots)
        used.initialize(repeating: false, count: slots)
        defer { keys.deallocate(); used.deallocate(); slotRanks.deallocate() }
        @inline(__always) func slot(_ key: UInt32) -> Int {
            var s = Int((key &* 0x9E37_79B1) >> 22)
            while used[s] && keys[s] != key { s = (s + 1) & (slots - 1) }
            return s
        }
        var distinct: [UInt32] = []
        var last = orderedBits(column[0]) &+ 1
        for i in 0..<n {
            let key = orderedBits(column[i])
            if key == last { continue }
            last = key
            let s = slot(key)
            if used[s] { continue }
            if distinct.count == 256 { return false }
            used[s] = true
            keys[s] = key
            distinct.append(key)
        }
        distinct.sort()
        for (r, key) in distinct.enumerated() {
            slotRanks[slot(key)] = UInt8(r)
            values[r] = Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)   // orderedBits⁻¹
        }
        var lastKey = orderedBits(column[0]), lastRank = slotRanks[slot(lastKey)]
        for i in 0..<n {
            let key = orderedBits(column[i])
            if key != lastKey {
                lastKey = key
                lastRank = slotRanks[slot(key)]
            }
            out[i] = lastRank
        }
        return true
    }
}
