import Foundation

/// A connection to a PostgreSQL server through `PostgresLibrary` (the system's libpq, loaded at run time).
///
/// Results stream in libpq's single-row mode (`PQsetSingleRowMode`): the client holds one row at a time, never the
/// whole result in one buffer, so a query larger than memory costs only the ``Table`` it becomes.
final class PostgresConnection {
    /// The connection URL (`postgres://user@host[:port]/db`) or `key=value` string.
    let source: String
    private let library: PostgresLibrary
    private let handle: PostgresLibrary.Handle

    /// Connects to `source`.
    init(_ source: String) throws(PostgresError) {
        guard let library = PostgresLibrary.shared else {
            throw PostgresError(source: source, reason: .libraryMissing(PostgresLibrary.candidates))
        }
        let handle = library.connect(source)
        guard let handle, library.status(handle) == PostgresLibrary.connectionOK else {
            let message = library.errorMessage(handle).map { String(cString: $0) } ?? "out of memory"
            library.finish(handle)
            throw PostgresError(source: source, reason: .cannotConnect(Self.oneLine(message)))
        }
        self.source = source
        self.library = library
        self.handle = handle
    }

    deinit { library.finish(handle) }

    /// libpq's multi-line messages ("ERROR:  …\nLINE 1: …") as one line, without the severity prefix.
    private static func oneLine(_ message: String) -> String {
        var lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let first = lines.first, first.hasPrefix("ERROR:") { lines[0] = first.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        return lines.first ?? "unknown error"
    }

    /// The current row of a streamed result: its cells as PostgreSQL's text output, and their columns' types.
    struct Row {
        fileprivate let library: PostgresLibrary
        fileprivate let result: PostgresLibrary.Handle
        /// The number of columns.
        let count: Int32

        /// Column `index`'s text, or nil for NULL.
        func text(_ index: Int32) -> String? {
            guard library.isNull(result, 0, index) == 0, let value = library.value(result, 0, index) else { return nil }
            return String(cString: value)
        }

        /// The type of column `index` (a `pg_type` OID).
        func type(_ index: Int32) -> UInt32 { library.fieldType(result, index) }
    }

    /// Runs `sql` and calls `row` for each result row, streamed one at a time.
    /// - Returns: the result's column names (empty for a command that returns no rows).
    @discardableResult
    func run(_ sql: String, row: (Row) -> Void = { _ in }) throws(PostgresError) -> [String] {
        guard library.sendQuery(handle, sql) == 1 else {
            throw PostgresError(source: source, reason: .query(Self.oneLine(library.errorMessage(handle).map { String(cString: $0) } ?? "")))
        }
        _ = library.setSingleRowMode(handle)
        var names: [String] = []
        var failure: String?
        // Every result must be taken (and cleared) before the connection takes another query, even after an error.
        while let result = library.getResult(handle) {
            defer { library.clear(result) }
            let status = library.resultStatus(result)
            guard status == PostgresLibrary.singleTuple || status == PostgresLibrary.tuplesOK || status == PostgresLibrary.commandOK else {
                if failure == nil {
                    failure = Self.oneLine(library.resultErrorMessage(result).map { String(cString: $0) } ?? "error \(status)")
                }
                continue
            }
            let count = library.fieldCount(result)
            if names.isEmpty, count > 0 {
                names = (0..<count).map { library.fieldName(result, $0).map { String(cString: $0) } ?? "column\($0 + 1)" }
            }
            if failure == nil, status == PostgresLibrary.singleTuple { row(Row(library: library, result: result, count: count)) }
        }
        if let failure { throw PostgresError(source: source, reason: .query(failure)) }
        return names
    }
}
