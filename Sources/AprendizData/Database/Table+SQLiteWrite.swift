import Foundation

extension Table {
    /// Writes the table as a new table `name` of the SQLite database at `path` (created if absent), in one
    /// transaction, so a failure leaves the database as it was. Column types: numeric → REAL, boolean →
    /// INTEGER (1/0), categorical → TEXT, missing cells → NULL.
    ///
    /// A table of that name already there is an error (nothing is overwritten).
    /// - Throws: ``SQLiteError`` with SQLite's message.
    public func write(sqlite path: String, table name: String) throws(SQLiteError) {
        let database = try SQLiteDatabase(path: path, writable: true)
        let quoted = Self.identifier(name)
        let definitions = columns.map { column -> String in
            let type = switch column.kind {
            case .numeric, .missing: "REAL"
            case .boolean: "INTEGER"
            case .categorical: "TEXT"
            }
            return "\(Self.identifier(column.name)) \(type)"
        }
        try database.run("BEGIN")
        do {
            try database.run("CREATE TABLE \(quoted) (\(definitions.joined(separator: ", ")))")
            let batch = 500
            for start in stride(from: 0, to: rowCount, by: batch) {
                let rows = (start..<min(start + batch, rowCount)).map { row in
                    "(" + columns.map { Self.literal($0, row: row) }.joined(separator: ", ") + ")"
                }
                try database.run("INSERT INTO \(quoted) VALUES " + rows.joined(separator: ", "))
            }
            try database.run("COMMIT")
        } catch {
            _ = try? database.run("ROLLBACK")
            throw error
        }
    }

    /// A name as a SQL identifier: in double quotes, inner quotes doubled.
    private static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Cell `row` of `column` as a SQL literal.
    private static func literal(_ column: TableColumn, row: Int) -> String {
        switch column.values {
        case .numeric(let values): values[row].isNaN ? "NULL" : "\(values[row])"
        case .boolean(let values): values[row].map { $0 ? "1" : "0" } ?? "NULL"
        case .categorical(let categories, let codes):
            codes[row] < 0 ? "NULL" : "'" + categories[Int(codes[row])].replacingOccurrences(of: "'", with: "''") + "'"
        case .missing: "NULL"
        }
    }
}
