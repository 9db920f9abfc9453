/// Kernel rows kept between solver iterations, least recently used evicted first once their bytes exceed
/// a limit (libsvm's `Cache`, `-m` / scikit-learn's `cache_size`, 200 MB by default). Rows are stored as
/// `Float` as libsvm's `Qfloat`; the solver's gradients and multipliers stay `Double`. Slots and use times
/// are arrays indexed by row (a hit is two array accesses: the solver asks for three rows per iteration);
/// an eviction scans the use times for the oldest cached row.
final class KernelCache {
    private let byteLimit: Int
    private var rows: [[Float]?]
    private var lastUse: [Int]
    private var cachedCount = 0
    private var clock = 0
    private var bytes = 0
    /// Rows computed (misses), for tests and benchmarks.
    private(set) var computed = 0

    /// A cache for rows `0..<count` holding at most `megabytes` MB of them (but always at least two rows).
    init(megabytes: Double, count: Int) {
        byteLimit = Int(megabytes * 1_048_576)
        rows = [[Float]?](repeating: nil, count: count)
        lastUse = [Int](repeating: 0, count: count)
    }

    /// Row `i`, computed by `compute` when it is not cached.
    func row(_ i: Int, compute: () -> [Float]) -> [Float] {
        clock += 1
        lastUse[i] = clock
        if let row = rows[i] { return row }
        let row = compute()
        computed += 1
        let size = row.count * MemoryLayout<Float>.stride
        while bytes + size > byteLimit && cachedCount >= 2, let oldest = oldestCached(besides: i) {
            bytes -= rows[oldest]!.count * MemoryLayout<Float>.stride
            rows[oldest] = nil
            cachedCount -= 1
        }
        rows[i] = row
        cachedCount += 1
        bytes += size
        return row
    }

    /// The cached row used longest ago, other than `i`.
    private func oldestCached(besides i: Int) -> Int? {
        var oldest: Int?, time = Int.max
        for r in rows.indices where r != i && rows[r] != nil && lastUse[r] < time { (oldest, time) = (r, lastUse[r]) }
        return oldest
    }
}
