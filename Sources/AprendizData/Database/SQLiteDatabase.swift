import Foundation

/// A SQLite database file opened through `SQLiteLibrary` (the system's `libsqlite3`, loaded at run time).
final class SQLiteDatabase {
    let path: String
    private let library: SQLiteLibrary
    private let handle: SQLiteLibrary.Handle

    /// Opens `path` read-only, or read-write (created if absent) when `writable`.
    init(path: String, writable: Bool = false) throws(SQLiteError) {
        guard let library = SQLiteLibrary.shared else {
            throw SQLiteError(path: path, reason: .libraryMissing(SQLiteLibrary.candidates))
        }
        if !writable, !FileManager.default.fileExists(atPath: path) {
            throw SQLiteError(path: path, reason: .cannotOpen("no such file"))
        }
        var handle: SQLiteLibrary.Handle?
        let flags = writable ? SQLiteLibrary.openReadWrite | SQLiteLibrary.openCreate : SQLiteLibrary.openReadOnly
        let status = library.open(path, &handle, flags, nil)
        guard status == SQLiteLibrary.ok, let handle else {
            let message = handle.flatMap { library.errorMessage($0) }.map { String(cString: $0) } ?? "error \(status)"
            _ = library.close(handle)
            throw SQLiteError(path: path, reason: .cannotOpen(message))
        }
        self.path = path
        self.library = library
        self.handle = handle
    }

    deinit { _ = library.close(handle) }

    private var lastError: String { library.errorMessage(handle).map { String(cString: $0) } ?? "unknown error" }

    /// Runs `sql` and calls `row` for each result row with the statement and its column count (read the columns
    /// with ``cell(_:_:)``).
    /// - Returns: the result's column names.
    @discardableResult
    func run(_ sql: String, row: (SQLiteLibrary.Handle, Int32) -> Void = { _, _ in }) throws(SQLiteError) -> [String] {
        var statement: SQLiteLibrary.Handle?
        guard library.prepare(handle, sql, -1, &statement, nil) == SQLiteLibrary.ok, let statement else {
            throw SQLiteError(path: path, reason: .query(lastError))
        }
        defer { _ = library.finalize(statement) }
        let columnCount = library.columnCount(statement)
        let names = (0..<columnCount).map { index in
            library.columnName(statement, index).map { String(cString: $0) } ?? "column\(index + 1)"
        }
        while true {
            let status = library.step(statement)
            if status == SQLiteLibrary.done { break }
            guard status == SQLiteLibrary.row else { throw SQLiteError(path: path, reason: .query(lastError)) }
            row(statement, columnCount)
        }
        return names
    }

    /// A result cell: a number (INTEGER, REAL), text (TEXT, BLOB as text), or nil for NULL.
    enum Cell {
        case number(Double)
        case text(String)
        case null
    }

    /// Column `index` of the current row of `statement`.
    func cell(_ statement: SQLiteLibrary.Handle, _ index: Int32) -> Cell {
        switch library.columnType(statement, index) {
        case SQLiteLibrary.integer, SQLiteLibrary.float: .number(library.columnDouble(statement, index))
        case SQLiteLibrary.null: .null
        default: .text(library.columnText(statement, index).map { String(cString: $0) } ?? "")
        }
    }
}
