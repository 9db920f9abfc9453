import Foundation

/// A CSV file larger than memory, read as a sequence of ``Table`` chunks that are typed as the whole file is:
/// the same column kinds and categories (so the same category codes) as ``Table/readCSV(_:options:)`` gives.
///
/// ```swift
/// let stream = try CSVTableStream(URL(fileURLWithPath: "vendas.csv"), chunkBytes: 8 << 20)
/// try stream.forEachChunk { table in … }       // ≈ 8 MB of records at a time, in file order
/// ```
/// Two passes over the file, each holding one chunk (`CSVFileChunks`: about `chunkBytes` of whole records) and its
/// table, never the file:
/// 1. the types: every chunk is read as `readCSV` reads a file, and the columns' kinds merge as one file's cells
///    would (numbers and text → categorical, …); categories are the union of the chunks' (a column that becomes
///    categorical after some chunks read it as numbers is read once more for its texts, as in-memory reading does);
/// 2. the chunks: read again with those types; a chunk that no longer fits them (the file changed) is
///    ``NumericTableError/Reason/changedColumn(line:column:expected:found:)``, naming the line.
/// Errors name the file and the line in the whole file, as `readCSV`'s do.
public final class CSVTableStream {
    /// One column's type over the whole file.
    public struct Column: Equatable, Sendable {
        /// The header's name of the column.
        public var name: String
        /// Numeric, boolean, categorical or missing, merged over every chunk.
        public var kind: TableColumn.Kind
        /// The sorted categories of a categorical column (nil otherwise).
        public var categories: [String]?
    }

    /// The file read.
    public let url: URL
    /// How every chunk is read (delimiter, decimal separator, overrides), as ``Table/readCSV(_:options:)`` reads a file.
    public let options: CSVReadOptions
    /// The bytes of records read at a time (a longer record makes a larger chunk).
    public let chunkBytes: Int
    /// The columns (ignored ones left out), typed by the first pass.
    public private(set) var columns: [Column] = []
    /// The total number of data rows (from the first pass).
    public private(set) var rowCount = 0
    /// The most rows one chunk held, and the largest chunk in bytes, over every pass so far (the memory bound).
    public private(set) var largestChunkRows = 0
    /// The largest chunk in bytes (see ``largestChunkRows``).
    public private(set) var largestChunkBytes = 0

    /// Opens `url` and runs the first pass (types and categories).
    /// - Throws: ``NumericTableError`` naming the file and line.
    public init(_ url: URL, options: CSVReadOptions = CSVReadOptions(), chunkBytes: Int = 8 << 20) throws(NumericTableError) {
        self.url = url
        self.chunkBytes = chunkBytes
        self.options = options
        var kinds: [String: TableColumn.Kind] = [:], categories: [String: Set<String>] = [:], reread: Set<String> = []
        var names: [String] = []
        try forEachRawChunk(options) { table in
            names = table.columnNames
            rowCount += table.rowCount
            guard table.rowCount > 0 else { return }
            for column in table.columns {
                let merged = Self.merged(kinds[column.name], column.kind)
                if case .categorical(let present, _) = column.values { categories[column.name, default: []].formUnion(present) }
                if merged == .categorical, column.kind == .numeric || column.kind == .boolean { reread.insert(column.name) }
                if merged == .categorical, let previous = kinds[column.name], previous == .numeric || previous == .boolean {
                    reread.insert(column.name)
                }
                kinds[column.name] = merged
            }
        }
        if !reread.isEmpty {
            var again = options
            again.categorical.formUnion(reread)
            try forEachRawChunk(again) { table in
                for column in table.columns where reread.contains(column.name) {
                    if case .categorical(let present, _) = column.values { categories[column.name, default: []].formUnion(present) }
                }
            }
        }
        columns = names.map { name in
            let kind = kinds[name] ?? (options.categorical.contains(name) ? .categorical : .numeric)
            return Column(name: name, kind: kind, categories: kind == .categorical
                ? (categories[name] ?? []).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) } : nil)
        }
    }

    /// The kind of a column whose cells so far gave `previous` and whose next chunk alone gives `next`.
    private static func merged(_ previous: TableColumn.Kind?, _ next: TableColumn.Kind) -> TableColumn.Kind {
        guard let previous, previous != .missing else { return next }
        if next == .missing || next == previous { return previous }
        return .categorical  // numbers and true/false, or anything and text: text, as one file's cells would be
    }

    /// Calls `body` with every chunk in file order, typed as ``columns`` says.
    /// - Throws: ``NumericTableError`` for a chunk that does not read or does not fit the first pass's types, or
    ///   whatever `body` throws.
    public func forEachChunk(_ body: (Table) throws -> Void) throws {
        var forced = options
        forced.categorical.formUnion(columns.filter { $0.kind == .categorical }.map(\.name))
        let chunks = try ChunkReader(self, options: forced)
        while let table = try chunks.next() { try body(try conformed(table)) }
    }

    /// `table` (one chunk) with the first pass's kinds and categories.
    private func conformed(_ table: Table) throws(NumericTableError) -> Table {
        var result: [TableColumn] = []
        for (column, type) in zip(table.columns, columns) {
            let changed = { (found: String) in
                NumericTableError(path: table.path, reason: .changedColumn(
                    line: column.firstText?.line ?? 0, column: type.name, expected: type.kind.rawValue, found: found))
            }
            switch (type.kind, column.values) {
            case (.categorical, .categorical(let present, let codes)):
                let index = Dictionary(uniqueKeysWithValues: (type.categories ?? []).enumerated().map { ($1, Int32($0)) })
                var mapped = [Int32](repeating: -1, count: codes.count)
                for (row, code) in codes.enumerated() where code >= 0 {
                    guard let known = index[present[Int(code)]] else { throw changed("category '\(present[Int(code)])'") }
                    mapped[row] = known
                }
                result.append(TableColumn(name: column.name, values: .categorical(categories: type.categories ?? [], codes: mapped),
                                          firstText: column.firstText))
            case (.numeric, .missing(let count)):
                result.append(TableColumn(name: column.name, values: .numeric(Array(repeating: .nan, count: count))))
            case (.boolean, .missing(let count)):
                result.append(TableColumn(name: column.name, values: .boolean(Array(repeating: nil, count: count))))
            case (let kind, _) where kind == column.kind:
                result.append(column)
            default:
                throw changed("\(column.kind.rawValue) values")
            }
        }
        return Table(columns: result, rowCount: table.rowCount, path: table.path)
    }

    /// Calls `body` with every chunk read as `readCSV` would with `options`.
    private func forEachRawChunk(_ options: CSVReadOptions, _ body: (Table) -> Void) throws(NumericTableError) {
        let chunks = try ChunkReader(self, options: options)
        while let table = try chunks.next() { body(table) }
    }

    /// Reads the file's chunks one at a time as `readCSV` would with `options`, lines moved to their place in the
    /// whole file; a file with no records gives one empty chunk (so its header is checked and named).
    private final class ChunkReader {
        private let stream: CSVTableStream
        private let chunks: CSVFileChunks
        private var options: CSVReadOptions
        private var first = true

        init(_ stream: CSVTableStream, options: CSVReadOptions) throws(NumericTableError) {
            self.stream = stream
            chunks = try CSVFileChunks(
                path: stream.url.path, chunkBytes: stream.chunkBytes,
                delimiter: options.delimiter.map { CSVReader.Options.byte($0, role: "delimiter") },
                decimalSeparator: CSVReader.Options.byte(options.decimalSeparator, role: "decimal separator"),
                limits: CSVFileChunks.Limits(fieldBytes: options.maximumFieldBytes, columns: options.maximumColumns))
            self.options = options
            self.options.delimiter = Character(UnicodeScalar(chunks.delimiter))
        }

        func next() throws(NumericTableError) -> Table? {
            let bodyLine = 1 + chunks.headerLineBreaks
            guard let chunk = try chunks.next() ?? (first ? CSVFileChunks.Chunk(bytes: [], firstLine: bodyLine) : nil) else { return nil }
            first = false
            let offset = chunk.firstLine - bodyLine
            let path = stream.url.path
            let table: Table
            do {
                table = try Table.read(ReadOnlyBytes(copying: chunks.header + chunk.bytes), path: path, options: options)
            } catch {
                throw NumericTableError(path: path, reason: error.reason.shifted(by: offset))
            }
            stream.largestChunkRows = max(stream.largestChunkRows, table.rowCount)
            stream.largestChunkBytes = max(stream.largestChunkBytes, chunks.largestChunk)
            return Table(columns: table.columns.map { column in
                var column = column
                column.firstText?.line += offset
                return column
            }, rowCount: table.rowCount, path: path)
        }
    }
}

extension NumericTableError.Reason {
    /// The same reason with its line (if it has one) moved by `lines`.
    func shifted(by lines: Int) -> Self {
        switch self {
        case .malformed(let line, let message): .malformed(line: line + lines, message: message)
        case .wrongFieldCount(let line, let expected, let actual): .wrongFieldCount(line: line + lines, expected: expected, actual: actual)
        case .emptyCell(let line, let column): .emptyCell(line: line + lines, column: column)
        case .notANumber(let line, let column, let value): .notANumber(line: line + lines, column: column, value: value)
        case .textInColumn(let line, let column, let value): .textInColumn(line: line + lines, column: column, value: value)
        case .changedColumn(let line, let column, let expected, let found):
            .changedColumn(line: line + lines, column: column, expected: expected, found: found)
        default: self
        }
    }
}
