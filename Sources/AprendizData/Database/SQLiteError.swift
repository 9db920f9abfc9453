import Foundation

/// A SQLite database that could not be read into a ``Table``.
///
/// One line naming the file and the problem, e.g. `SQLite file 'shop.db': no such table: clientes`.
public struct SQLiteError: DataFileError, Equatable, Sendable {
    public static let formatName = "SQLite"

    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// No `libsqlite3` could be loaded (the file names tried).
        case libraryMissing([String])
        /// The database could not be opened (SQLite's message).
        case cannotOpen(String)
        /// The query failed to compile or run (SQLite's message).
        case query(String)
        /// A column asked for by name is not in the result.
        case missingColumn(String, available: [String])
    }

    /// The database file's path.
    public var path: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The problem.
    public var detail: String {
        switch reason {
        case .libraryMissing(let names):
            ": no SQLite library found (tried \(names.joined(separator: ", ")); install libsqlite3-0)"
        case .cannotOpen(let message): ": cannot be opened: \(message)"
        case .query(let message): ": \(message)"
        case .missingColumn(let name, let available):
            ": no column '\(name)' (columns: \(available.map { "'\($0)'" }.joined(separator: ", ")))"
        }
    }
}
