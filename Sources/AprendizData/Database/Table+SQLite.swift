import Foundation

extension Table {
    /// The rows of a SQL query on a SQLite database file, typed as ``readCSV(_:options:)`` types a CSV file's
    /// columns, so a table gives the same ``Table`` from SQLite as from its CSV export.
    ///
    /// ```swift
    /// let table = try Table.query(sqlite: "loja.db", "SELECT idade, cidade, comprou FROM clientes")
    /// ```
    /// Cells: INTEGER and REAL are numbers (a REAL's Double rounded to Float), NULL is missing, TEXT is read as a
    /// CSV cell would be (a number if it parses as one, a missing marker, true/false, or text). Line numbers in
    /// ``TableColumn/firstText`` are 1-based row numbers. SQLite is loaded at run time (`SQLiteLibrary`).
    /// Only `categorical`, `ignored`, `missingValues` and `decimalSeparator` of `options` apply.
    /// - Throws: ``SQLiteError``: no library, a file that does not open, a failing query, an unknown column.
    public static func query(sqlite path: String, _ sql: String,
                             options: CSVReadOptions = CSVReadOptions()) throws(SQLiteError) -> Table {
        let database = try SQLiteDatabase(path: path)
        let decimal = CSVReader.Options.byte(options.decimalSeparator, role: "decimal separator")
        var rows = QueryTableBuilder()
        let names = try database.run(sql) { statement, columns in
            rows.appendRow(columnCount: Int(columns)) { index in
                switch database.cell(statement, Int32(index)) {
                case .number(let value):
                    (Float(value), value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)")
                case .text(let value): (QueryTableBuilder.number(in: value, decimalSeparator: decimal), value)
                case .null: (nil, "")
                }
            }
        }
        for name in options.categorical.union(options.ignored).sorted() where !names.contains(name) {
            throw SQLiteError(path: path, reason: .missingColumn(name, available: names))
        }
        return rows.table(names: names, options: options, path: path)
    }

    /// Every row of one table of a SQLite database file (`SELECT * FROM "name"`).
    public static func read(sqlite path: String, table name: String,
                            options: CSVReadOptions = CSVReadOptions()) throws(SQLiteError) -> Table {
        try query(sqlite: path, "SELECT * FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"", options: options)
    }
}
