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
/// counted in parallel (`memchr`), their prefix parities give each chunk's state, and each chunk then starts after
/// the first line break outside quotes. Exact, not speculative: for a file with a syntax error, everything before
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
        chunks = Self.split(bytes, scanner.position..<bytes.count, options: options)
    }

    /// True when `range` holds only spaces, tabs and line breaks.
    private static func isBlank(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { base[$0] == 0x20 || base[$0] == 0x09 || base[$0] == 0x0A || base[$0] == 0x0D }
    }

    /// Chunk ranges covering `body`, each starting after a line break outside quotes.
    private static func split(_ bytes: ReadOnlyBytes, _ body: Range<Int>, options: Options) -> [Range<Int>] {
        let threads = options.threads ?? Parallel.threadCount
        let count = threads <= 1 ? 1 : max(1, min(threads * 4, body.count / max(options.minimumChunkBytes, 1)))
        guard count > 1 else { return [body] }
        let nominal = (0...count).map { body.lowerBound + Int((Int64(body.count) * Int64($0)) / Int64(count)) }
        var quotes = [Int](repeating: 0, count: count)
        quotes.withUnsafeMutableBufferPointer { quotes in
            Parallel.forEach(count) { quotes[$0] = countQuotes(bytes.base, nominal[$0]..<nominal[$0 + 1]) }
        }
        var starts = [body.lowerBound]
        var insideQuotes = false
        for i in 1..<count {
            insideQuotes = insideQuotes != (quotes[i - 1] % 2 == 1)
            starts.append(max(starts[i - 1], recordStart(bytes, after: nominal[i], insideQuotes: insideQuotes)))
        }
        starts.append(body.upperBound)
        return (0..<count).map { starts[$0]..<starts[$0 + 1] }
    }

    /// The number of `"` bytes in `range` (memchr finds each one with the C library's vector code).
    private static func countQuotes(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var p = range.lowerBound
        while p < range.upperBound, let found = memchr(base + p, 0x22, range.upperBound - p) {
            count += 1
            p = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        return count
    }

    /// The position after the first line feed at or after `offset` that is outside quotes (or the end).
    private static func recordStart(_ bytes: ReadOnlyBytes, after offset: Int, insideQuotes: Bool) -> Int {
        var inside = insideQuotes
        var p = offset
        while p < bytes.count {
            let byte = bytes.base[p]
            if byte == 0x22 { inside.toggle() }
            if byte == 0x0A, !inside { return p + 1 }
            p += 1
        }
        return bytes.count
    }

    /// Reads every cell as a number, chunks in parallel.
    /// - Parameter stopAtFirstException: stop at the first cell that is not a number (the caller reports it).
    func readNumbers(stopAtFirstException: Bool) throws(Failure) -> Numbers {
        let parts = parallelMap { chunk in
            var part = NumberChunk(reader: self, range: chunk, stopAtFirstException: stopAtFirstException)
            part.run()
            bytes.releasePages(chunk)
            return part
        }
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
        let values = parts.count == 1 ? parts[0].values : Self.concatenated(parts.map(\.values))
        return Numbers(values: values, rowCount: firstRow, exceptions: exceptions)
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
        let parts = parallelMap { chunk -> (texts: [[String]], lineBreaks: Int, failure: Failure?) in
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

    /// `body` applied to every chunk, chunks in parallel, results in file order.
    private func parallelMap<T>(_ body: (Range<Int>) -> T) -> [T] {
        var results = [T?](repeating: nil, count: chunks.count)
        results.withUnsafeMutableBufferPointer { results in
            Parallel.forEach(chunks.count) { results[$0] = body(chunks[$0]) }
        }
        return results.map { $0! }
    }

    /// Calls `cell(scanner, field, column, row, line)` for every cell of the data records in `range` (rows and lines
    /// relative to the range); blank lines are skipped. `cell` returns false to stop. `plainCell(&scanner, column)`
    /// may read a cell first in a faster way (returning how it ended) or decline (nil).
    /// - Returns: the records and line breaks read, and the failure that stopped the reading (relative line).
    @inline(__always)
    func forEachCell(in range: Range<Int>, plainCell: (inout CSVScanner, Int) -> CSVScanner.Ending?,
                     _ cell: (CSVScanner, CSVScanner.Field, Int, Int, Int) -> Bool) -> (rows: Int, lineBreaks: Int, failure: Failure?) {
        var scanner = CSVScanner(base: bytes.base, range: range, delimiter: options.delimiter)
        var field = CSVScanner.Field()
        let columnCount = columnNames.count
        var rows = 0
        while !scanner.atEnd {
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
                    if let message = options.oversized(field) { return (rows, scanner.lineBreaks, .syntax(line: line, message: message)) }
                    if column == 0, ending == .record, scanner.isEmpty(field) { column = -1; break }
                    if column < columnCount, keepGoing { keepGoing = cell(scanner, field, column, rows, line) }
                    column += 1
                }
            } catch {
                return (rows, scanner.lineBreaks, .syntax(line: line, message: error.message))
            }
            if column == -1 { continue }  // a blank line
            if column != columnCount {
                return (rows, scanner.lineBreaks, .fieldCount(line: line, expected: columnCount, actual: column))
            }
            rows += 1
            if !keepGoing { break }
        }
        return (rows, scanner.lineBreaks, nil)
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

/// One chunk of the number pass: values row-major, cells that are not numbers kept aside.
private struct NumberChunk {
    let reader: CSVReader
    let range: Range<Int>
    let stopAtFirstException: Bool
    var values: [Float] = []
    var exceptions: [CSVReader.Exception] = []
    var rows = 0
    var lineBreaks = 0
    var failure: CSVReader.Failure?

    init(reader: CSVReader, range: Range<Int>, stopAtFirstException: Bool) {
        self.reader = reader
        self.range = range
        self.stopAtFirstException = stopAtFirstException
    }

    mutating func run() {
        let columns = reader.columnNames.count
        // At most one record per line feed (plus one without), and every record spans at least `columns` bytes,
        // so the reservation never exceeds the chunk's size plus one record.
        let records = min(lineFeeds() + 1, range.count / max(columns, 1) + 1)
        values.reserveCapacity(records * columns)
        let decimal = reader.options.decimalSeparator
        let stop = stopAtFirstException
        var values = self.values, exceptions = self.exceptions
        var plainValue: Float = 0
        let result = reader.forEachCell(in: range, plainCell: { scanner, _ in
            guard let ending = scanner.nextPlainNumber(decimalSeparator: decimal, &plainValue) else { return nil }
            values.append(plainValue)
            return ending
        }) { scanner, field, column, row, line in
            let base = scanner.base
            if let value = DecimalFloatParser.parse(base + field.start, base + field.end, decimalSeparator: decimal) {
                values.append(value)
                return true
            }
            values.append(.nan)
            exceptions.append(CSVReader.Exception(row: row, column: column, line: line, text: scanner.text(of: field)))
            return !stop
        }
        self.values = values
        self.exceptions = exceptions
        rows = result.rows
        lineBreaks = result.lineBreaks
        failure = result.failure
        // A record cut short by an error keeps no partial values.
        if self.values.count > rows * columns { self.values.removeLast(self.values.count - rows * columns) }
    }

    private func lineFeeds() -> Int {
        var count = 0
        var p = range.lowerBound
        let base = reader.bytes.base
        while p < range.upperBound, let found = memchr(base + p, 0x0A, range.upperBound - p) {
            count += 1
            p = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        return count
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
