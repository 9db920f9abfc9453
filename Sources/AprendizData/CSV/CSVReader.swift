import Foundation
import AprendizTensor

/// The engine behind ``NumericTable`` and ``Table``: one pass over the bytes of a CSV file (mapped, not copied),
/// split into chunks parsed in parallel on `Parallel`'s threads, every cell read as a number.
///
/// Why written here rather than taken from a package: SwiftCSV, used before, builds a `String` per cell and took
/// 48 s for a 92 MB table that pandas reads in 0.46 s; this reader parses the bytes in place (`CSVScanner`,
/// `DecimalFloatParser`) and measures faster than pandas (Docs/Data.md).
///
/// Chunks and quotes: a chunk cannot simply start after the first line break past its nominal offset, since that
/// break may sit inside a quoted field. Every `"` toggles "inside quotes" (an escaped `""` toggles twice), so the
/// parity of the quotes before an offset says whether it is inside quotes; the quotes of each stretch are
/// counted in parallel (``ByteCounts``, with the line feeds in the same pass), their prefix parities give each
/// chunk's state, and each chunk then starts after the first line break outside quotes. Exact, not speculative: for a file with a syntax error, everything before
/// the first error is split correctly, so the first error found in chunk order is the file's first error.
/// Line numbers: each chunk counts its line breaks; a record's line is 1 + the breaks before it.
struct CSVReader {
    /// The format's choices.
    struct Options: Sendable {
        var delimiter: UInt8 = 0x2C
        var decimalSeparator: UInt8 = 0x2E
        /// Parse at most this many chunks at once (default: `Parallel.threadCount`).
        var threads: Int?
        /// The smallest chunk worth a thread: below it, splitting costs more than it gains.
        var minimumChunkBytes = 256 << 10
        /// The longest field, in bytes (16 MiB): a longer one (a runaway quote, a 1 GB line) is an error before its
        /// text is copied (Python's `csv` module stops at 128 KiB, `csv.field_size_limit`).
        var maximumFieldBytes = 1 << 24
        /// The most header names (2²² = 4 194 304): a 1 GB header line of short names would otherwise hold 10⁸ names
        /// and per-column arrays of as many entries before any record is read.
        var maximumColumns = 1 << 22
    }

    /// A cell that is not a number, in a data record.
    struct Exception {
        var row: Int
        var column: Int
        var line: Int
        var text: String
    }

    /// The result of the number pass.
    struct Numbers {
        /// Row-major, `rowCount × columnNames.count`; NaN where a cell is not a number (see ``exceptions``).
        var values: [Float]
        var rowCount: Int
        /// The cells that are not numbers, in file order (only the first when asked to stop there).
        var exceptions: [Exception]
    }

    /// What stopped the reading, with its 1-based line.
    enum Failure: Error {
        case syntax(line: Int, message: String)
        case fieldCount(line: Int, expected: Int, actual: Int)
    }

    let bytes: ReadOnlyBytes
    let options: Options
    let columnNames: [String]
    /// The chunks' byte ranges, in file order.
    private let chunks: [Range<Int>]
    /// The line feeds in each chunk (inside quotes too): at most one record ends at each.
    private let chunkLineFeeds: [Int]
    /// The line the body (the first record after the header) starts on.
    private let bodyLine: Int

    /// Reads the header and splits the rest into chunks; no column names when the file holds only white space.
    init(bytes: ReadOnlyBytes, options: Options) throws(Failure) {
        self.bytes = bytes
        self.options = options
        var start = 0
        if bytes.count >= 3, bytes.base[0] == 0xEF, bytes.base[1] == 0xBB, bytes.base[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(base: bytes.base, range: start..<bytes.count, delimiter: options.delimiter)
        var names: [String] = []
        if !Self.isBlank(bytes.base, start..<bytes.count) {
            var field = CSVScanner.Field()
            var ending = CSVScanner.Ending.delimiter
            while ending == .delimiter {
                do { ending = try scanner.nextField(&field) } catch { throw .syntax(line: 1, message: error.message) }
                if let message = options.oversized(field) { throw .syntax(line: 1, message: message) }
                if names.count == options.maximumColumns {
                    throw .syntax(line: 1, message: "more than \(options.maximumColumns) columns in the header (the reader's limit, CSVReadOptions.maximumColumns)")
                }
                names.append(scanner.text(of: field))
            }
        }
        columnNames = names
        bodyLine = 1 + scanner.lineBreaks
        (chunks, chunkLineFeeds) = Self.split(bytes, scanner.position..<bytes.count, options: options)
    }

    /// True when `range` holds only spaces, tabs and line breaks.
    private static func isBlank(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { base[$0] == 0x20 || base[$0] == 0x09 || base[$0] == 0x0A || base[$0] == 0x0D }
    }

    /// Chunk ranges covering `body`, each starting after a line break outside quotes, and the line feeds in each.
    ///
    /// One parallel pass counts the quotes and line feeds of `count` equal stretches; a chunk's line feeds are then
    /// `F(end) − F(start)`, with `F(x)` the line feeds before `x`: the stretches' prefix sums plus those between the
    /// stretch's start and the chunk's, which finding the chunk's start passes over anyway.
    private static func split(_ bytes: ReadOnlyBytes, _ body: Range<Int>, options: Options) -> ([Range<Int>], [Int]) {
        let threads = options.threads ?? Parallel.threadCount
        let count = threads <= 1 ? 1 : max(1, min(threads * Self.chunksPerThread, body.count / max(options.minimumChunkBytes, 1)))
        let nominal = (0...count).map { body.lowerBound + Int((Int64(body.count) * Int64($0)) / Int64(count)) }
        var counts = [(first: Int, second: Int)](repeating: (0, 0), count: count)
        counts.withUnsafeMutableBufferPointer { counts in
            Parallel.forEach(count) { counts[$0] = ByteCounts.count(0x22, 0x0A, in: bytes.base, nominal[$0]..<nominal[$0 + 1]) }
        }
        var starts = [body.lowerBound]
        var feedsBefore = [0]  // F(starts[i]) − F(body.lowerBound)
        var feedsAtNominal = 0
        var insideQuotes = false
        for i in 1..<count {
            insideQuotes = insideQuotes != (counts[i - 1].first % 2 == 1)
            feedsAtNominal += counts[i - 1].second
            if starts[i - 1] >= nominal[i] {
                // The previous search found no record start before this stretch (a long line or quoted field): it
                // would find the same one again, so it is not searched for twice (a 1 GB line once scanned 16 times).
                starts.append(starts[i - 1])
                feedsBefore.append(feedsBefore[i - 1])
            } else {
                let (start, passed) = recordStart(bytes, after: nominal[i], insideQuotes: insideQuotes)
                starts.append(start)
                feedsBefore.append(feedsAtNominal + passed)
            }
        }
        starts.append(body.upperBound)
        feedsBefore.append(feedsAtNominal + counts[count - 1].second)
        return ((0..<count).map { starts[$0]..<starts[$0 + 1] }, (0..<count).map { feedsBefore[$0 + 1] - feedsBefore[$0] })
    }

    /// Chunks per thread: more than one, so a thread that starts late or runs slower (a shared machine) leaves the
    /// others a small last piece to wait for, not a whole share.
    private static let chunksPerThread = 8

    /// The position after the first line feed at or after `offset` that is outside quotes (or the end), and the
    /// line feeds passed on the way (that one included).
    private static func recordStart(_ bytes: ReadOnlyBytes, after offset: Int, insideQuotes: Bool) -> (Int, Int) {
        var inside = insideQuotes
        var p = offset
        var feeds = 0
        while p < bytes.count {
            let byte = bytes.base[p]
            if byte == 0x22 { inside.toggle() }
            if byte == 0x0A {
                feeds += 1
                if !inside { return (p + 1, feeds) }
            }
            p += 1
        }
        return (bytes.count, feeds)
    }

    /// Reads every cell as a number, chunks in parallel, straight into the result's storage.
    ///
    /// Each chunk gets a slice of one array, sized for one record per line feed in it (plus one when the chunk does
    /// not end with a line feed: the file's last record), counted by ``split(_:_:options:)``; its records are
    /// written there as they are parsed, and the slices are then moved together (no move at all when every line
    /// feed ended a record, the common case). A chunk with more records than that (line breaks
    /// written as a lone CR) carries on in its own array, and the result is then assembled from the pieces.
    /// - Parameter stopAtFirstException: stop at the first cell that is not a number (the caller reports it).
    func readNumbers(stopAtFirstException: Bool) throws(Failure) -> Numbers {
        let columns = columnNames.count
        let capacities = chunks.indices.map { index in
            let chunk = chunks[index]
            guard !chunk.isEmpty else { return 0 }
            let unended = bytes.base[chunk.upperBound - 1] == 0x0A ? 0 : 1
            // Also at most one record per `columns` bytes, so the slice never exceeds the chunk plus one record.
            return min(chunkLineFeeds[index] + unended, chunk.count / max(columns, 1) + 1) * columns
        }
        var offsets = [0]
        for capacity in capacities { offsets.append(offsets[offsets.count - 1] + capacity) }
        var parts: [NumberChunk] = []
        var spilled = false
        var values = [Float](unsafeUninitializedCapacity: offsets[offsets.count - 1]) { buffer, initialized in
            let storage = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Float>.alignment)!
            parts = parallelMap { index, chunk in
                var part = NumberChunk(reader: self, range: chunk, stopAtFirstException: stopAtFirstException,
                                       destination: storage + offsets[index], capacity: capacities[index])
                part.run()
                bytes.releasePages(chunk)
                return part
            }
            spilled = parts.contains { $0.spill != nil }
            if spilled {
                for index in parts.indices where parts[index].spill == nil { parts[index].keepOwnCopy() }
                initialized = 0
            } else {
                initialized = Self.moveTogether(parts, storage)
            }
        }
        if spilled { values = Self.concatenated(parts.map { $0.spill ?? [] }) }
        var firstLine = bodyLine
        var firstRow = 0
        var exceptions: [Exception] = []
        for part in parts {
            if let failure = part.failure { throw failure.shifted(by: firstLine) }
            exceptions += part.exceptions.map {
                Exception(row: $0.row + firstRow, column: $0.column, line: $0.line + firstLine, text: $0.text)
            }
            if stopAtFirstException, !exceptions.isEmpty { break }
            firstLine += part.lineBreaks
            firstRow += part.rows
        }
        return Numbers(values: values, rowCount: firstRow, exceptions: exceptions)
    }

    /// Moves each part's values (in its slice of `storage`) to follow the previous part's, in file order; every
    /// part starts at or after its destination, so moving front to back never overwrites values not yet moved.
    /// - Returns: the values in place.
    private static func moveTogether(_ parts: [NumberChunk], _ storage: UnsafeMutablePointer<Float>) -> Int {
        var count = 0
        for part in parts {
            if part.destination != storage + count {
                (storage + count).update(from: part.destination, count: part.count)  // memmove: may overlap
            }
            count += part.count
        }
        return count
    }

    /// The chunks' values in one array.
    private static func concatenated(_ parts: [[Float]]) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { values += part }
        return values
    }

    /// The text of every cell of `columns`, top to bottom (the number pass must have succeeded).
    func readTexts(columns: [Int]) throws(Failure) -> [[String]] {
        guard !columns.isEmpty else { return [] }
        let slot = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let parts = parallelMap { _, chunk -> (texts: [[String]], lineBreaks: Int, failure: Failure?) in
            var texts = [[String]](repeating: [], count: columns.count)
            let result = forEachCell(in: chunk, plainCell: { _, _ in nil }) { scanner, field, column, _, _ in
                if let index = slot[column] { texts[index].append(scanner.text(of: field)) }
                return true
            }
            return (texts, result.lineBreaks, result.failure)
        }
        var result = [[String]](repeating: [], count: columns.count)
        var firstLine = bodyLine
        for part in parts {
            if let failure = part.failure { throw failure.shifted(by: firstLine) }
            for index in result.indices { result[index] += part.texts[index] }
            firstLine += part.lineBreaks
        }
        return result
    }

    /// `body(index, chunk)` applied to every chunk, chunks in parallel, results in file order.
    private func parallelMap<T>(_ body: (Int, Range<Int>) -> T) -> [T] {
        var results = [T?](repeating: nil, count: chunks.count)
        results.withUnsafeMutableBufferPointer { results in
            Parallel.forEach(chunks.count) { results[$0] = body($0, chunks[$0]) }
        }
        return results.map { $0! }
    }

    /// Calls `cell(scanner, field, column, row, line)` for every cell of the data records in `range` (rows and lines
    /// relative to the range); blank lines are skipped. `cell` returns false to stop. `plainCell(&scanner, column)`
    /// may read a cell first in a faster way (returning how it ended) or decline (nil).
    /// Stops after `limit` records.
    /// - Returns: the records and line breaks read, where the reading stopped, and the failure that stopped it
    ///   (relative line).
    @inline(__always)
    func forEachCell(in range: Range<Int>, limit: Int = .max, plainCell: (inout CSVScanner, Int) -> CSVScanner.Ending?,
                     _ cell: (CSVScanner, CSVScanner.Field, Int, Int, Int) -> Bool)
        -> (rows: Int, lineBreaks: Int, end: Int, failure: Failure?) {
        var scanner = CSVScanner(base: bytes.base, range: range, delimiter: options.delimiter)
        var field = CSVScanner.Field()
        let columnCount = columnNames.count
        var rows = 0
        while !scanner.atEnd, rows < limit {
            let line = scanner.lineBreaks
            var column = 0
            var ending = CSVScanner.Ending.delimiter
            var keepGoing = true
            do {
                while ending == .delimiter {
                    if column < columnCount, keepGoing, !scanner.atEnd, let plain = plainCell(&scanner, column) {
                        ending = plain
                        column += 1
                        continue
                    }
                    ending = try scanner.nextField(&field)
                    if let message = options.oversized(field) { return (rows, scanner.lineBreaks, scanner.position, .syntax(line: line, message: message)) }
                    if column == 0, ending == .record, scanner.isEmpty(field) { column = -1; break }
                    if column < columnCount, keepGoing { keepGoing = cell(scanner, field, column, rows, line) }
                    column += 1
                }
            } catch {
                return (rows, scanner.lineBreaks, scanner.position, .syntax(line: line, message: error.message))
            }
            if column == -1 { continue }  // a blank line
            if column != columnCount {
                return (rows, scanner.lineBreaks, scanner.position, .fieldCount(line: line, expected: columnCount, actual: column))
            }
            rows += 1
            if !keepGoing { break }
        }
        return (rows, scanner.lineBreaks, scanner.position, nil)
    }
}

extension CSVReader.Failure {
    /// The same failure with its line moved by `lines`.
    func shifted(by lines: Int) -> Self {
        switch self {
        case .syntax(let line, let message): .syntax(line: line + lines, message: message)
        case .fieldCount(let line, let expected, let actual): .fieldCount(line: line + lines, expected: expected, actual: actual)
        }
    }
}

/// One chunk of the number pass: values row-major, written to its slice of the result (`destination`, room for
/// `capacity` values) or, past that, to its own array (`spill`); cells that are not numbers kept aside.
private struct NumberChunk {
    let reader: CSVReader
    let range: Range<Int>
    let stopAtFirstException: Bool
    let destination: UnsafeMutablePointer<Float>
    let capacity: Int
    /// Values written (in `destination`, or in `spill` once it exists).
    var count = 0
    /// All of the chunk's values, when they did not fit in `capacity` (or were copied out: ``keepOwnCopy()``).
    var spill: [Float]?
    var exceptions: [CSVReader.Exception] = []
    var rows = 0
    var lineBreaks = 0
    var failure: CSVReader.Failure?

    init(reader: CSVReader, range: Range<Int>, stopAtFirstException: Bool, destination: UnsafeMutablePointer<Float>, capacity: Int) {
        self.reader = reader
        self.range = range
        self.stopAtFirstException = stopAtFirstException
        self.destination = destination
        self.capacity = capacity
    }

    /// Appends `value`: to the slice while it has room, else to ``spill``.
    @inline(__always)
    mutating func append(_ value: Float) {
        if count < capacity, spill == nil {
            destination[count] = value
            count += 1
        } else {
            appendToSpill(value)
        }
    }

    private mutating func appendToSpill(_ value: Float) {
        if spill == nil { keepOwnCopy() }
        spill!.append(value)
        count += 1
    }

    /// Copies the values written to the slice into ``spill`` (the slice is then no longer read).
    mutating func keepOwnCopy() {
        spill = Array(UnsafeBufferPointer(start: destination, count: count))
    }

    /// Reads the chunk: runs of records made only of short numbers by ``plainRecords(from:)``, and each record
    /// that stops such a run by the general scanner.
    mutating func run() {
        let columns = reader.columnNames.count
        let decimal = reader.options.decimalSeparator
        let stop = stopAtFirstException, maximumBytes = reader.options.maximumFieldBytes
        var plainValue: Float = 0
        var position = range.lowerBound
        var this = self
        while true {
            position = this.plainRecords(from: position)
            guard position < range.upperBound else { break }
            let firstRow = this.rows, firstLine = this.lineBreaks
            let result = reader.forEachCell(in: position..<range.upperBound, limit: 1, plainCell: { scanner, _ in
                guard let ending = scanner.nextPlainNumber(decimalSeparator: decimal, maximumBytes: maximumBytes, &plainValue) else { return nil }
                this.append(plainValue)
                return ending
            }) { scanner, field, column, row, line in
                let base = scanner.base
                if let value = DecimalFloatParser.parse(base + field.start, base + field.end, decimalSeparator: decimal) {
                    this.append(value)
                    return true
                }
                this.append(.nan)
                this.exceptions.append(CSVReader.Exception(row: firstRow + row, column: column, line: firstLine + line,
                                                           text: scanner.text(of: field)))
                return !stop
            }
            this.rows += result.rows
            this.lineBreaks += result.lineBreaks
            position = result.end
            if let failure = result.failure {
                this.failure = failure.shifted(by: firstLine)
                break
            }
            if stop, !this.exceptions.isEmpty { break }
        }
        self = this
        // A record cut short by an error keeps no partial values.
        truncate(to: rows * columns)
    }

    /// Reads records from `start` while each is a line of short numbers (``DecimalFloatParser/parseShort(_:decimalSeparator:)``)
    /// separated by the delimiter and ended by LF or CRLF, and at least the fast path's lookahead from the end of
    /// the chunk — the common case of a numeric table, without the general scanner's per-field bookkeeping.
    /// - Returns: where the first record that is not stops the run (nothing of it kept).
    @inline(__always)
    mutating func plainRecords(from start: Int) -> Int {
        let base = reader.bytes.base
        let columns = reader.columnNames.count
        let delimiter = reader.options.delimiter, decimal = reader.options.decimalSeparator
        let last = range.upperBound - DecimalFloatParser.shortFormLookahead  // the last position a field may start at
        let delimiterPattern = UInt64(delimiter) &* CSVScanner.ones
        guard columns > 0 else { return start }  // (a header always names a column; never loop on empty records)
        var p = start
        while p <= last {
            let recordStart = p, countBefore = count
            var column = 0
            while column < columns, p <= last {
                // The field's end found first, independently of the number's digits: the next field can start
                // before this one's digits are read (the check that the number ends there is a predictable branch).
                let fieldEnd = p + Self.fieldLength(base + p, delimiterPattern: delimiterPattern)
                guard let (value, end) = DecimalFloatParser.parseShort(base + p, decimalSeparator: decimal),
                      end - base == fieldEnd else { break }
                // The number uses at most 16 bytes, so the byte after it (and one more for CRLF) is inside the chunk.
                var next = fieldEnd
                let byte = base[next]
                if column + 1 < columns {
                    guard byte == delimiter else { break }
                } else if byte == 0x0D, base[next + 1] == 0x0A {
                    next += 1
                } else if byte != 0x0A {
                    break
                }
                append(value)
                p = next + 1
                column += 1
            }
            guard column == columns else {
                truncate(to: countBefore)
                return recordStart
            }
            rows += 1
            lineBreaks += 1
        }
        return p
    }

    /// The bytes before the first delimiter, LF or CR among the 16 at `p` (16 when there is none), found eight bytes
    /// at a time as ``CSVScanner`` finds a field's end.
    @inline(__always)
    static func fieldLength(_ p: UnsafePointer<UInt8>, delimiterPattern: UInt64) -> Int {
        @inline(__always) func stops(_ word: UInt64) -> UInt64 {
            CSVScanner.matches(word, delimiterPattern) | CSVScanner.matches(word, CSVScanner.lineFeedPattern)
                | CSVScanner.matches(word, CSVScanner.returnPattern)
        }
        let first = stops(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let second = stops(UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self))
        return first != 0 ? first.trailingZeroBitCount >> 3 : 8 + second.trailingZeroBitCount >> 3
    }

    /// Keeps the first `newCount` values.
    private mutating func truncate(to newCount: Int) {
        guard count > newCount else { return }
        count = newCount
        if let whole = spill { spill = Array(whole.prefix(newCount)) }
    }
}

extension CSVReader.Failure {
    /// The failure as the error ``NumericTable`` and ``Table`` report.
    var reason: NumericTableError.Reason {
        switch self {
        case .syntax(let line, let message): .malformed(line: line, message: message)
        case .fieldCount(let line, let expected, let actual): .wrongFieldCount(line: line, expected: expected, actual: actual)
        }
    }
}

extension CSVReader {
    /// Opens `bytes` and checks the header: not empty, not blank, no name twice.
    static func checkedHeader(bytes: ReadOnlyBytes, options: Options, path: String) throws(NumericTableError) -> CSVReader {
        let reader: CSVReader
        do {
            reader = try CSVReader(bytes: bytes, options: options)
        } catch {
            throw NumericTableError(path: path, reason: error.reason)
        }
        let names = reader.columnNames
        if names.isEmpty { throw NumericTableError(path: path, reason: .emptyFile) }
        if names == [""] { throw NumericTableError(path: path, reason: .emptyHeader) }
        var seen = Set<String>()
        if let duplicate = names.first(where: { !seen.insert($0).inserted }) {
            throw NumericTableError(path: path, reason: .duplicateColumn(duplicate))
        }
        return reader
    }
}

extension CSVReader.Options {
    /// The error message for a field longer than ``maximumFieldBytes``, else nil.
    @inline(__always)
    func oversized(_ field: CSVScanner.Field) -> String? {
        field.end - field.start <= maximumFieldBytes ? nil
            : "a field of \(field.end - field.start) bytes, more than the reader's limit of \(maximumFieldBytes) (CSVReadOptions.maximumFieldBytes)"
    }

    /// `character` as one byte; a character outside ASCII is a programmer error.
    static func byte(_ character: Character, role: String) -> UInt8 {
        require(character.isASCII && character.asciiValue != nil && character != "\"" && !character.isNewline,
                "CSV: the \(role) must be one ASCII character other than a quote or a line break, got '\(character)'")
        return character.asciiValue!
    }
}
