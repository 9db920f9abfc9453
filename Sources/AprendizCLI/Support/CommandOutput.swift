import Aprendiz
import ArgumentParser
import Foundation

/// Writes a command's text to a file, or to standard output when no file is given.
enum CommandOutput {
    static func write(_ text: String, to path: String?) throws {
        if let path, path.hasPrefix("sqlite:") { return try writeSQLite(csv: text, to: path) }
        if let path, path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") { return try writePostgres(csv: text, to: path) }
        guard let path else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

extension CommandOutput {
    /// Writes CSV text (a header and rows) as a new table of a SQLite database: `sqlite:PATH.db:TABLE`.
    /// - Throws: ``CLIError`` for a malformed destination, an existing table, or SQLite's error.
    static func writeSQLite(csv text: String, to destination: String) throws {
        let rest = destination.dropFirst("sqlite:".count)
        guard let colon = rest.lastIndex(of: ":"), colon != rest.startIndex, rest.index(after: colon) != rest.endIndex else {
            throw CLIError("--output '\(destination)': expected sqlite:FILE.db:TABLE")
        }
        let path = String(rest[..<colon]), name = String(rest[rest.index(after: colon)...])
        do {
            try Table.readCSV(text: text, path: "<predictions>").write(sqlite: path, table: name)
        } catch {
            throw CLIError("--output '\(destination)': \(error)")
        }
    }

    /// Writes CSV text as a new table of a PostgreSQL database: `postgres://USER@HOST[:PORT]/DB?table=NAME` (the
    /// `table=` parameter last).
    /// - Throws: ``CLIError`` for a malformed destination, an existing table, or the server's error.
    static func writePostgres(csv text: String, to destination: String) throws {
        let shown = PostgresError.redacted(destination)
        guard let range = destination.range(of: "?table=") ?? destination.range(of: "&table="),
              range.upperBound != destination.endIndex else {
            throw CLIError("--output '\(shown)': expected postgres://USER@HOST[:PORT]/DB?table=NAME")
        }
        let url = String(destination[..<range.lowerBound]), name = String(destination[range.upperBound...])
        do {
            try Table.readCSV(text: text, path: "<predictions>").write(postgres: url, table: name)
        } catch {
            throw CLIError("--output '\(shown)': \(error)")
        }
    }
}
