import Foundation

extension Table {
    /// Writes the table as a new table `name` of the PostgreSQL database at `url`, in one transaction, so a failure
    /// leaves the database as it was. Column types: numeric → REAL (float4, so every `Float` reads back exactly),
    /// boolean → BOOLEAN, categorical → TEXT, missing cells → NULL (`TableSQL`).
    ///
    /// A table of that name already there is an error (nothing is overwritten).
    /// - Throws: ``PostgresError`` with the server's message.
    public func write(postgres url: String, table name: String) throws(PostgresError) {
        let connection = try PostgresConnection(url)
        let sql = TableSQL(self, name: name, booleanType: "BOOLEAN", booleanLiterals: ("TRUE", "FALSE"))
        try connection.run("BEGIN")
        do {
            for statement in [sql.create] + sql.inserts { try connection.run(statement) }
            try connection.run("COMMIT")
        } catch {
            _ = try? connection.run("ROLLBACK")
            throw error
        }
    }
}
