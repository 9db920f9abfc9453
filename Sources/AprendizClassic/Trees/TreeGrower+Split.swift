/// The split search of one node (scikit-learn's `node_split_best` and `node_split_random`).
extension TreeGrower {
    /// The best split of the samples `[start, end)` with impurity `impurity`, or nil when no feature can split
    /// them. `constants` (features known to be constant here) is updated for the children.
    ///
    /// Features are drawn without replacement by Fisher–Yates on the persistent `features` array; those known
    /// constant are skipped, newly found ones recorded, and drawing goes on past `maxFeatures` until one
    /// non-constant feature has been examined.
    func findSplit(start: Int, end: Int, impurity: Double, constants: inout Int) -> TreeSplit? {
        var remaining = featureCount, visited = 0, foundConstants = 0, drawnConstants = 0
        let knownConstants = constants
        var totalConstants = knownConstants
        var best: TreeSplit?, bestProxy = -Double.infinity
        while remaining > totalConstants
                && (visited < growth.maxFeatures || visited <= foundConstants + drawnConstants) {
            visited += 1
            var j = random.int(drawnConstants, remaining - foundConstants)
            if j < knownConstants {
                features.swapAt(drawnConstants, j)
                drawnConstants += 1
                continue
            }
            j += foundConstants
            let feature = features[j]
            let candidate = growth.randomThresholds
                ? randomSplit(feature, start: start, end: end, proxy: &bestProxy)
                : bestSplit(feature, start: start, end: end, proxy: &bestProxy)
            guard let candidate else {
                features.swapAt(j, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            remaining -= 1
            features.swapAt(remaining, j)
            if let split = candidate { best = split }
        }
        // Constant features keep their order for the siblings and children (scikit-learn's invariant).
        for i in 0..<knownConstants { features[i] = constantFeatures[i] }
        for i in knownConstants..<(knownConstants + foundConstants) { constantFeatures[i] = features[i] }
        constants = totalConstants
        guard var split = best else { return nil }
        split.position = partition(start: start, end: end, feature: split.feature, threshold: split.threshold)
        criterion.resetLeft()
        for i in start..<split.position { criterion.moveLeft(samples[i]) }
        (split.impurityLeft, split.impurityRight) = criterion.childrenImpurity()
        let wNode = criterion.weightedNode, wLeft = criterion.weightedLeft, wRight = criterion.weightedRight
        split.improvement = (wNode / totalWeight)
            * (impurity - wRight / wNode * split.impurityRight - wLeft / wNode * split.impurityLeft)
        return split
    }

    /// Scans the sorted values of `feature` for its best threshold. Returns nil when the feature is constant
    /// in the node, `.some(nil)` when no threshold beats `proxy`, else the better split (and raises `proxy`).
    private func bestSplit(_ feature: Int, start: Int, end: Int, proxy best: inout Double) -> TreeSplit?? {
        sortSamples(by: feature, start: start, end: end)
        let epsilon = Self.featureThreshold
        if values[end - 1] <= values[start] + epsilon { return nil }
        var found: TreeSplit?
        let minLeaf = growth.minSamplesLeaf
        criterion.resetLeft()
        var moved = start, p = start
        while p < end {
            p += 1
            while p < end && values[p] <= values[p - 1] + epsilon { p += 1 }
            if p == end { break }
            if p - start < minLeaf || end - p < minLeaf { continue }
            while moved < p {
                criterion.moveLeft(samples[moved])
                moved += 1
            }
            let proxy = criterion.proxyImprovement()
            if proxy > best {
                best = proxy
                found = TreeSplit(feature: feature, threshold: Double(values[p - 1]) / 2 + Double(values[p]) / 2, position: p)
            }
        }
        return .some(found)
    }

    /// One uniformly drawn threshold between the node's minimum and maximum of `feature` (extra trees).
    private func randomSplit(_ feature: Int, start: Int, end: Int, proxy best: inout Double) -> TreeSplit?? {
        let column = columns.column(feature)
        var low = column[samples[start]], high = low
        for i in start..<end {
            let v = column[samples[i]]
            low = min(low, v)
            high = max(high, v)
        }
        if high <= low + Self.featureThreshold { return nil }
        var threshold = random.uniform(Double(low), Double(high))
        if threshold == Double(high) { threshold = Double(low) }
        let position = partition(start: start, end: end, feature: feature, threshold: threshold)
        if position - start < growth.minSamplesLeaf || end - position < growth.minSamplesLeaf { return .some(nil) }
        criterion.resetLeft()
        for i in start..<position { criterion.moveLeft(samples[i]) }
        let proxy = criterion.proxyImprovement()
        guard proxy > best else { return .some(nil) }
        best = proxy
        return .some(TreeSplit(feature: feature, threshold: threshold, position: position))
    }

    /// Reorders `samples[start..<end]` by their value of `feature` and fills `values`. With ``FeatureRanks``,
    /// nodes of at least `rankSortMinimum` samples take one stable counting pass on the ranks. Otherwise small
    /// nodes sort packed (value bits, row) keys, so ties are ordered by row; large ones use a stable
    /// least-significant-digit radix sort on the value bits (four byte passes, a pass skipped when every key
    /// shares that byte), linear in the node's size. The order of tied rows does not change which splits
    /// exist, only the order of sums (exact for class counts with whole-number weights).
    private func sortSamples(by feature: Int, start: Int, end: Int) {
        let column = columns.column(feature)
        if let ranks = columns.ranks(of: feature), end - start >= Self.rankSortMinimum {
            sortByRank(ranks, column, start: start, end: end)
            return
        }
        if end - start < 256 {
            for i in start..<end {
                let row = samples[i]
                keys[i] = UInt64(orderedBits(column[row])) << 32 | UInt64(row)
            }
            var slice = UnsafeMutableBufferPointer(rebasing: keys[start..<end])
            slice.sort()
            for i in start..<end {
                let row = Int(keys[i] & 0xFFFF_FFFF)
                samples[i] = row
                values[i] = column[row]
            }
            return
        }
        let n = end - start
        var sourceKeys = radixKeys.baseAddress!, targetKeys = sourceKeys + n
        var sourceRows = radixRows.baseAddress!, targetRows = sourceRows + n
        for i in 0..<n {
            let row = samples[start + i]
            sourceKeys[i] = orderedBits(column[row])
            sourceRows[i] = Int32(truncatingIfNeeded: row)
        }
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: 0, to: 32, by: 8) {
            for b in 0..<256 { counts[b] = 0 }
            for i in 0..<n { counts[Int((sourceKeys[i] >> UInt32(shift)) & 0xFF)] += 1 }
            if counts[Int((sourceKeys[0] >> UInt32(shift)) & 0xFF)] == n { continue }
            var offset = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = offset
                offset += c
            }
            for i in 0..<n {
                let bucket = Int((sourceKeys[i] >> UInt32(shift)) & 0xFF)
                let place = counts[bucket]
                counts[bucket] = place + 1
                targetKeys[place] = sourceKeys[i]
                targetRows[place] = sourceRows[i]
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceRows, &targetRows)
        }
        for i in 0..<n {
            let row = Int(sourceRows[i])
            samples[start + i] = row
            values[start + i] = column[row]
        }
    }

    /// The large-node sort with ``FeatureRanks``: one stable counting pass over the ranks — the same order as
    /// the stable radix sort on the value bits, since the ranks order the values.
    private func sortByRank(_ rank: UnsafePointer<UInt8>, _ column: FeatureColumn, start: Int, end: Int) {
        let rows = radixRows.baseAddress!
        var counts = (0..<256).map { _ in 0 }
        counts.withUnsafeMutableBufferPointer { counts in
            for i in start..<end { counts[Int(rank[samples[i]])] += 1 }
            var offset = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = offset
                offset += c
            }
            for i in start..<end {
                let row = samples[i], bucket = Int(rank[row])
                rows[counts[bucket]] = Int32(truncatingIfNeeded: row)
                counts[bucket] += 1
            }
        }
        for i in 0..<(end - start) {
            let row = Int(rows[i])
            samples[start + i] = row
            values[start + i] = column[row]
        }
    }

    /// Moves the samples with `x[feature] ≤ threshold` to the front of `[start, end)`; returns where they end.
    func partition(start: Int, end: Int, feature: Int, threshold: Double) -> Int {
        let column = columns.column(feature)
        var p = start, q = end
        while p < q {
            if Double(column[samples[p]]) <= threshold {
                p += 1
            } else {
                q -= 1
                let t = samples[p]; samples[p] = samples[q]; samples[q] = t
            }
        }
        return p
    }
}

/// The bits of `v` as an unsigned integer that sorts in the order of the floats (negatives flipped).
@inline(__always) func orderedBits(_ v: Float) -> UInt32 {
    let bits = v.bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
}
