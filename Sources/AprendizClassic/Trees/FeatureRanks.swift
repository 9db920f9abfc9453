import AprendizTensor

/// Each value's rank among its feature's distinct values, one byte per value, when every feature has at most
/// 256 distinct values (images, small integer codes, binned data):
/// ```
/// rank(x_if) = #{ distinct v in column f : v < x_if }            (ordered by the float's bits, as the sort)
/// ```
/// Sorting a node's rows by the rank is sorting them by the value, so the splitter's large nodes sort with
/// one stable counting pass over 256 buckets instead of four radix passes over the float's bytes — the same
/// order, hence the same tree. (scikit-learn sorts each node with introsort; LightGBM's pre-binning is the
/// same idea.) Nil when some feature has more than 256 distinct values.
struct FeatureRanks: Sendable {
    /// Feature-major ranks: row i of feature f at `f · rowCount + i`.
    let ranks: [UInt8]

    /// The ranks of the feature-major `columns` (`featureCount` columns of `rowCount` values), or nil.
    init?(columns: [Float], rowCount: Int, featureCount: Int) {
        let n = rowCount
        guard n > 0, featureCount > 0 else { return nil }
        var fits = [Bool](repeating: true, count: featureCount)
        var ranks = [UInt8](repeating: 0, count: n * featureCount)
        columns.withUnsafeBufferPointer { columns in
            ranks.withUnsafeMutableBufferPointer { ranks in
                fits.withUnsafeMutableBufferPointer { fits in
                    let out = ranks.baseAddress!, fitted = UncheckedBuffer(fits)
                    Parallel.forEach(featureCount) { f in
                        fitted[f] = Self.rank(columns.baseAddress! + f * n, n, into: out + f * n)
                    }
                }
            }
        }
        guard !fits.contains(false) else { return nil }
        self.ranks = ranks
    }

    /// Writes the ranks of one column; false (ranks unfinished) past 256 distinct values. The distinct keys
    /// are found through a 1024-slot open-addressing table, sorted, and each slot given its key's rank.
    private static func rank(_ column: UnsafePointer<Float>, _ n: Int, into out: UnsafeMutablePointer<UInt8>) -> Bool {
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
        for (r, key) in distinct.enumerated() { slotRanks[slot(key)] = UInt8(r) }
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
