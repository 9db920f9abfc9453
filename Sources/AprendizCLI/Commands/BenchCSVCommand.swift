import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench csv`: time to read a numeric CSV file into a `NumericTable` (parse only: the file is already
/// on disk and in the page cache after the warm-up read), and the process's peak memory.
///
/// Without `--file` it writes the benchmark table to a temporary directory first: 200 000 rows × 50 features
/// (uniform in [−3, 3], six decimals) + an integer label, about 92 MB. `Benchmarks/csv_reference.py` times pandas'
/// `read_csv` on the same file, alternating with this command.
struct BenchCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Read a 200 000 × 51 numeric CSV file (median of --repeats runs) and report the peak memory."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "The CSV file to read (default: generate the benchmark table in a temporary directory).")
    var file: String?

    @Option(help: "Timed reads after one warm-up read.")
    var repeats = 5

    @Option(help: "Rows of the generated table.")
    var rows = 200_000

    func run() throws {
        try options.apply()
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        var scratch: URL?
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let path: String
        if let file {
            path = file
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-bench-csv-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            scratch = directory
            path = directory.appendingPathComponent("table.csv").path
            try Self.writeTable(rows: rows, features: 50, to: path)
        }
        let url = URL(fileURLWithPath: path)
        let residentBefore = Self.peakResidentBytes()
        var table: NumericTable?
        var failure: (any Error)?
        let cpuBefore = Self.processorSeconds(), threadsBefore = Self.threadProcessorSeconds()
        // The previous table is freed before each read, untimed: two tables alive at once would double the peak.
        let seconds = Stopwatch.median(repeats: repeats, prepare: { table = nil }) {
            do { table = try NumericTable(contentsOf: url) } catch { failure = error }
        }
        if let failure { throw failure }
        let cpuSeconds = (Self.processorSeconds() - cpuBefore) / Double(repeats + 1)
        let threadsAfter = Self.threadProcessorSeconds()
        let perThread = threadsAfter.map { ($1 - (threadsBefore[$0] ?? 0)) / Double(repeats + 1) }.filter { $0 > 0 }.sorted(by: >)
        guard let table else { return }
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let result = CSVBenchResult(
            workload: "csv \(table.rowCount)x\(table.columnCount)", threads: Parallel.threadCount, seconds: seconds,
            cpuSeconds: cpuSeconds, threadCPUSeconds: perThread,
            megabytesPerSecond: Double(fileBytes) / seconds / 1e6, fileBytes: fileBytes, tableBytes: table.values.count * 4,
            peakResidentBytes: Self.peakResidentBytes(), residentBeforeBytes: residentBefore)
        result.print(json: options.json)
    }

    /// The benchmark table: a header `f0,…,f49,label`, then `rows` records of six-decimal numbers.
    static func writeTable(rows: Int, features: Int, to path: String) throws {
        var generator = RandomGenerator(seed: 2024)
        var text = (0..<features).map { "f\($0)" }.joined(separator: ",") + ",label\n"
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(rows * (features * 10 + 2))
        for _ in 0..<rows {
            for _ in 0..<features {
                let micro = Int((generator.nextUniform() * 6 - 3) * 1_000_000)
                if micro < 0 { bytes.append(0x2D) }
                let magnitude = abs(micro)
                bytes += String(magnitude / 1_000_000).utf8
                bytes.append(0x2E)
                let fraction = String(magnitude % 1_000_000)
                bytes += repeatElement(0x30, count: 6 - fraction.utf8.count)
                bytes += fraction.utf8
                bytes.append(0x2C)
            }
            bytes += String(generator.next() % 10).utf8
            bytes.append(0x0A)
        }
        text = ""
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// User plus system processor time of each thread of the process so far, in seconds, by thread id (Linux:
    /// fields 14 and 15, utime and stime in clock ticks, of /proc/self/task/TID/stat; empty elsewhere). Shows
    /// whether a parallel read splits its work: two threads each near half the processor time.
    static func threadProcessorSeconds() -> [String: Double] {
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return [:] }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        var result: [String: Double] = [:]
        for thread in threads {
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(thread)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")  // from field 3 (state) on
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            result[thread] = (user + system) / ticksPerSecond
        }
        return result
    }

    /// User plus system processor time of the whole process so far, in seconds.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The process's peak resident memory so far: `VmHWM` of /proc/self/status on Linux (getrusage's `ru_maxrss`
    /// can carry the parent's peak over `exec`), else `ru_maxrss`.
    static func peakResidentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kilobytes * 1024
        }
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF, 0 on Linux and macOS (Glibc imports the name as an enum)
        #if os(Linux)
        return usage.ru_maxrss * 1024
        #else
        return usage.ru_maxrss
        #endif
    }
}

/// One line of `bench csv` output.
struct CSVBenchResult: Encodable {
    let workload: String
    let threads: Int
    let seconds: Double
    /// Processor time (user + system, all threads) per read: what a read costs on a machine shared with other work.
    let cpuSeconds: Double
    /// Processor time per read of each thread that worked, largest first (Linux only).
    let threadCPUSeconds: [Double]
    let megabytesPerSecond: Double
    let fileBytes: Int
    let tableBytes: Int
    let peakResidentBytes: Int
    let residentBeforeBytes: Int

    enum CodingKeys: String, CodingKey {
        case workload, threads, seconds, cpuSeconds = "cpu_seconds", threadCPUSeconds = "thread_cpu_seconds"
        case megabytesPerSecond = "megabytes_per_second", fileBytes = "file_bytes", tableBytes = "table_bytes"
        case peakResidentBytes = "peak_resident_bytes", residentBeforeBytes = "resident_before_bytes"
    }

    func print(json: Bool) {
        if json {
            printJSONLine(self)
        } else {
            let peak = Double(peakResidentBytes) / 1e6, target = 1.5 * Double(fileBytes + tableBytes) / 1e6
            Swift.print(String(format: "%@  %.3f s (processor %.3f s)  %.0f MB/s  peak memory %.0f MB (target ≤ %.0f MB)  [%d threads]",
                               workload.padding(toLength: 28, withPad: " ", startingAt: 0), seconds, cpuSeconds, megabytesPerSecond,
                               peak, target, threads))
        }
    }
}
