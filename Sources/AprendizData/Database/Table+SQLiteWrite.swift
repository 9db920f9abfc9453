import Foundation

extension Table {
    /// Writes the table as a new table `name` of the SQLite database at `path` (created if absent), in one
    /// transaction, so a failure leaves the database as it was. Column types: numeric → REAL, boolean →
    /// INTEGER (1/0), categorical → TEXT, missing cells → NULL (`TableSQL`).
    ///
    /// A table of that name already there is an error (nothing is overwritten).
    /// - Throws: ``SQLiteError`` with SQLite's message.
    public func write(sqlite path: String, table name: String) throws(SQLiteError) {
        let database = try SQLiteDatabase(path: path, writable: true)
        let sql = TableSQL(self, name: name, booleanType: "INTEGER", booleanLiterals: ("1", "0"))
        try database.run("BEGIN")
        do {
            for statement in [sql.create] + sql.inserts { try database.run(statement) }
            try database.run("COMMIT")
        } catch {
            _ = try? database.run("ROLLBACK")
            throw error
        }
    }
}
