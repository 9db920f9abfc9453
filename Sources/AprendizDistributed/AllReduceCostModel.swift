import AprendizTensor

/// The time of a ring all-reduce of n bytes over p processes (Patarasuk & Yuan 2009; the model of
/// Horovod's and NCCL's ring): a reduce-scatter then an all-gather, each 2·(p−1)/2 = p−1 steps that
/// send n/p bytes.
/// ```
/// T(n, p) = 2(p−1)·α + 2(p−1)/p · n/B
/// ```
/// α is the latency of one message (seconds), B the bandwidth of one link (bytes per second).
/// ``fit(bytes:seconds:ranks:)`` estimates both from measured all-reduce times by weighted least
/// squares on T = a + b·n with weights 1/T² (each point's *relative* error counts, so the small
/// messages decide α and the large ones B): α = a / (2(p−1)), B = 2(p−1) / (p·b).
public struct AllReduceCostModel: Sendable, Equatable {
    /// Latency of one message, in seconds.
    public let latency: Double
    /// Bandwidth of one link, in bytes per second.
    public let bandwidth: Double

    /// A model with latency α (seconds) and bandwidth B (bytes per second).
    public init(latency: Double, bandwidth: Double) {
        self.latency = latency
        self.bandwidth = bandwidth
    }

    /// T(n, p) in seconds for `bytes` over `ranks` processes (0 for one process).
    public func seconds(bytes: Double, ranks: Int) -> Double {
        guard ranks > 1 else { return 0 }
        let p = Double(ranks)
        return 2 * (p - 1) * latency + 2 * (p - 1) / p * bytes / bandwidth
    }

    /// α and B fitted to all-reduce times `seconds[i]` of `bytes[i]` measured over `ranks` ≥ 2
    /// processes (at least two distinct sizes). A negative intercept (α below the timer's
    /// resolution) gives α = 0.
    public static func fit(bytes: [Double], seconds: [Double], ranks: Int) -> AllReduceCostModel {
        require(ranks >= 2, "AllReduceCostModel.fit: needs at least 2 ranks, got \(ranks)")
        require(bytes.count == seconds.count && Set(bytes).count >= 2,
                "AllReduceCostModel.fit: \(bytes.count) sizes and \(seconds.count) times; needs ≥ 2 distinct sizes, one time each")
        require(seconds.allSatisfy { $0 > 0 }, "AllReduceCostModel.fit: times must be positive")
        // Weighted normal equations of T = a + b·n, w = 1/T².
        var sw = 0.0, sn = 0.0, snn = 0.0, st = 0.0, snt = 0.0
        for (n, t) in zip(bytes, seconds) {
            let w = 1 / (t * t)
            sw += w; sn += w * n; snn += w * n * n; st += w * t; snt += w * n * t
        }
        let determinant = sw * snn - sn * sn
        let slope = (sw * snt - sn * st) / determinant
        let intercept = (st - slope * sn) / sw
        let p = Double(ranks)
        return AllReduceCostModel(latency: max(intercept, 0) / (2 * (p - 1)), bandwidth: 2 * (p - 1) / (p * slope))
    }
}
