/// Kernel rows kept between solver iterations, least recently used evicted first once their bytes exceed
/// a limit (libsvm's `Cache`, `-m` / scikit-learn's `cache_size`, 200 MB by default). Rows are stored as
/// `Float` as libsvm's `Qfloat`; the solver's gradients and multipliers stay `Double`.
final class KernelCache {
    private let byteLimit: Int
    private var rows: [Int: [Float]] = [:]
    private var lastUse: [Int: Int] = [:]
    private var clock = 0
    private var bytes = 0
    /// Rows computed (misses), for tests and benchmarks.
    private(set) var computed = 0

    /// A cache holding at most `megabytes` MB of rows (but always at least two rows).
    init(megabytes: Double) {
        byteLimit = Int(megabytes * 1_048_576)
    }

    /// Row `i`, computed by `compute` when it is not cached.
    func row(_ i: Int, compute: () -> [Float]) -> [Float] {
        clock += 1
        if let row = rows[i] {
            lastUse[i] = clock
            return row
        }
        let row = compute()
        computed += 1
        let size = row.count * MemoryLayout<Float>.stride
        while bytes + size > byteLimit && rows.count >= 2, let oldest = lastUse.min(by: { $0.value < $1.value })?.key {
            bytes -= rows.removeValue(forKey: oldest)!.count * MemoryLayout<Float>.stride
            lastUse[oldest] = nil
        }
        rows[i] = row
        lastUse[i] = clock
        bytes += size
        return row
    }
}
