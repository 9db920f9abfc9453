/// Kernel rows kept between solver iterations, least recently used evicted first once their bytes exceed
/// a limit (libsvm's `Cache`, `-m` / scikit-learn's `cache_size`, 200 MB by default). Rows are stored as
/// `Float` as libsvm's `Qfloat`; the solver's gradients and multipliers stay `Double`. As libsvm's, a row
/// holds only the columns asked for so far (`0..<length`: the solver asks for the active variables only
/// once it has shrunk) and is extended when a longer prefix is asked for; ``swapIndex(_:_:)`` follows the
/// solver's exchange of two positions. Slots and use times are arrays indexed by row (a hit is two array
/// accesses: the solver asks for three rows per iteration); an eviction scans the use times for the oldest.
final class KernelCache {
    private let byteLimit: Int
    /// Row i's cached prefix (empty when not cached).
    private var rows: [[Float]]
    private var lastUse: [Int]
    private var clock = 0
    private var bytes = 0
    /// Rows computed or extended (misses), for tests and benchmarks.
    private(set) var computed = 0

    /// A cache for rows `0..<count` holding at most `megabytes` MB of them (but always the row asked for).
    init(megabytes: Double, count: Int) {
        byteLimit = Int(megabytes * 1_048_576)
        rows = [[Float]](repeating: [], count: count)
        lastUse = [Int](repeating: 0, count: count)
    }

    /// Columns `0..<length` (at least) of row `i`; when fewer are cached, `fill(&row, start)` appends the
    /// columns `start..<length` to the cached prefix `row` (`start` = its count).
    func row(_ i: Int, length: Int, fill: (inout [Float], Int) -> Void) -> [Float] {
        clock += 1
        lastUse[i] = clock
        let start = rows[i].count
        if start >= length { return rows[i] }
        var row = rows[i]
        rows[i] = []
        bytes -= start * MemoryLayout<Float>.stride
        let needed = length * MemoryLayout<Float>.stride
        while bytes + needed > byteLimit, let oldest = oldestCached() {
            bytes -= rows[oldest].count * MemoryLayout<Float>.stride
            rows[oldest] = []
        }
        row.reserveCapacity(length)
        fill(&row, start)
        computed += 1
        rows[i] = row
        bytes += row.count * MemoryLayout<Float>.stride
        return row
    }

    /// Exchanges positions i and j: their rows, and columns i and j of every cached row (a row that holds
    /// one of the two columns only is dropped), as libsvm's `Cache::swap_index`.
    func swapIndex(_ i: Int, _ j: Int) {
        guard i != j else { return }
        rows.swapAt(i, j)
        lastUse.swapAt(i, j)
        let (low, high) = (min(i, j), max(i, j))
        for r in rows.indices where rows[r].count > low {
            if rows[r].count > high {
                rows[r].swapAt(low, high)
            } else {
                bytes -= rows[r].count * MemoryLayout<Float>.stride
                rows[r] = []
            }
        }
    }

    /// The cached row used longest ago.
    private func oldestCached() -> Int? {
        var oldest: Int?, time = Int.max
        for r in rows.indices where !rows[r].isEmpty && lastUse[r] < time { (oldest, time) = (r, lastUse[r]) }
        return oldest
    }
}
