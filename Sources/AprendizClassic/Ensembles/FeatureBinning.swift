import AprendizTensor

/// Each feature cut once into at most `maximumBins` ordered bins plus one bin for missing values
/// (scikit-learn's `_BinMapper`, LightGBM's histogram bins), so that tree growing works on small integers:
/// ```
/// few values (d ≤ maximumBins distinct):  thresholdⱼ = (vⱼ + vⱼ₊₁) / 2,              j = 0 … d − 2
/// many values:                             thresholdⱼ = percentile(x, 100·(j+1)/maximumBins, "averaged_inverted_cdf"),
///                                          j = 0 … maximumBins − 2, repeated values dropped
/// bin(x) = #{ j : thresholdⱼ < x }   (x ≤ thresholdⱼ falls left of it),   bin(NaN) = missingBin = 255
/// ```
/// Thresholds are computed in `Double` from the `Float` data exactly as NumPy does (`np.unique`, and
/// `np.percentile(method="averaged_inverted_cdf")` then `np.unique` on `linspace(0, 100, maximumBins + 1)[1:-1]`), so they equal
/// scikit-learn's. Unlike scikit-learn, the thresholds are always computed on all rows (scikit-learn
/// subsamples 200 000 rows first). The book (ch. 15) is silent on binning; this follows scikit-learn.
public struct FeatureBinning: Sendable, Equatable {
    /// The bin of a missing (NaN) value; ordinary bins are 0 ..< 255.
    public static let missingBin: UInt8 = 255
    /// The thresholds of each feature, ascending; feature f has `thresholds[f].count + 1` ordinary bins.
    public let thresholds: [[Double]]

    /// Learns the thresholds of each column of `x` (`[count, features]`, NaN allowed), one feature per task
    /// on the `Parallel` pool.
    public init(fitting x: Tensor, maximumBins: Int = 255) {
        let (n, d) = (x.shape[0], x.shape[1])
        var result = [[Double]](repeating: [], count: d)
        x.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { buffer in
                let out = UncheckedBuffer(buffer)
                Parallel.forEach(d) { f in
                    var column: [Double] = []
                    column.reserveCapacity(n)
                    for i in 0..<n where !values[i * d + f].isNaN { column.append(Double(values[i * d + f])) }
                    out[f] = Self.thresholds(of: column, maximumBins: maximumBins)
                }
            }
        }
        thresholds = result
    }

    /// The thresholds of one column's non-missing values.
    static func thresholds(of column: [Double], maximumBins: Int) -> [Double] {
        guard !column.isEmpty else { return [] }
        let sorted = column.sorted()
        var distinct: [Double] = [sorted[0]]
        for v in sorted.dropFirst() where v != distinct[distinct.count - 1] { distinct.append(v) }
        if distinct.count <= maximumBins {
            return (0..<(distinct.count - 1)).map { (distinct[$0] + distinct[$0 + 1]) * 0.5 }
        }
        // np.percentile(sorted, linspace(0, 100, maximumBins + 1)[1:-1], method="averaged_inverted_cdf"):
        // at v = n·q − 1, the mean of the two neighbours when v is whole, else the value above; duplicates dropped.
        let step = 100.0 / Double(maximumBins), n = Double(sorted.count), last = sorted.count - 1
        var result: [Double] = []
        for i in 1..<maximumBins {
            let v = n * ((Double(i) * step) / 100) - 1
            let low = v.rounded(.down)
            let below = v >= Double(last) ? last : v < 0 ? 0 : Int(low)
            let above = v >= Double(last) ? last : v < 0 ? 0 : Int(low) + 1
            let a = sorted[below], b = sorted[above]
            let value = v - low == 0 ? b - (b - a) * 0.5 : b   // NumPy's lerp at t = 0.5 or 1
            if result.last.map({ value > $0 }) ?? true { result.append(value) }
        }
        return result
    }

    /// The number of features.
    public var featureCount: Int { thresholds.count }

    /// The bin of `value` for feature `f`.
    @inline(__always) public func bin(_ value: Float, feature f: Int) -> UInt8 {
        if value.isNaN { return Self.missingBin }
        let t = thresholds[f], x = Double(value)
        var low = 0, high = t.count
        while low < high {
            let middle = low + (high - low - 1) / 2
            if x <= t[middle] { high = middle } else { low = middle + 1 }
        }
        return UInt8(low)
    }

    /// The binned columns of `x`, feature-major: bin of row i, feature f at `[f * count + i]`.
    func binned(_ x: Tensor) -> [UInt8] {
        let (n, d) = (x.shape[0], x.shape[1])
        var bins = [UInt8](repeating: 0, count: n * d)
        x.withUnsafeBufferPointer { values in
            bins.withUnsafeMutableBufferPointer { buffer in
                let out = UncheckedBuffer(buffer)
                Parallel.forEach(d) { f in
                    for i in 0..<n { out[f * n + i] = bin(values[i * d + f], feature: f) }
                }
            }
        }
        return bins
    }

    /// The largest `Float` not above `threshold`: for a `Float` x, `x ≤ threshold ⇔ x ≤ floatThreshold`,
    /// so a saved model compares in `Float` and routes every value as the `Double` threshold does.
    public static func floatThreshold(_ threshold: Double) -> Float { floatAtMost(threshold) }
}
