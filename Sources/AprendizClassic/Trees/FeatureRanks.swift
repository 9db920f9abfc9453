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
                    let out = UncheckedBuffer(ranks), fitted = UncheckedBuffer(fits)
                    Parallel.forEach(featureCount) { f in
                        let column = columns.baseAddress! + f * n
                        guard let distinct = Self.distinctBits(column, n) else {
                            fitted[f] = false
                            return
                        }
                        var last = orderedBits(column[0]), lastRank = UInt8(Self.index(of: last, in: distinct))
                        for i in 0..<n {
                            let key = orderedBits(column[i])
                            if key != last {
                                last = key
                                lastRank = UInt8(Self.index(of: key, in: distinct))
                            }
                            out[f * n + i] = lastRank
                        }
                    }
                }
            }
        }
        guard !fits.contains(false) else { return nil }
        self.ranks = ranks
    }

    /// The sorted distinct `orderedBits` of a column, or nil past 256 of them.
    private static func distinctBits(_ column: UnsafePointer<Float>, _ n: Int) -> [UInt32]? {
        var distinct: [UInt32] = []
        distinct.reserveCapacity(257)
        var last = orderedBits(column[0])
        distinct.append(last)
        for i in 1..<n {
            let key = orderedBits(column[i])
            if key == last { continue }
            last = key
            let place = index(of: key, in: distinct)
            if place < distinct.count && distinct[place] == key { continue }
            if distinct.count == 256 { return nil }
            distinct.insert(key, at: place)
        }
        return distinct
    }

    /// The first position in the sorted `keys` whose key is not below `key`.
    private static func index(of key: UInt32, in keys: [UInt32]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
