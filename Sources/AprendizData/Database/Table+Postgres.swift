import Foundation

extension Table {
    /// The rows of a SQL query on a PostgreSQL server, typed as ``readCSV(_:options:)`` types a CSV file's columns,
    /// so a table gives the same ``Table`` from PostgreSQL as from its CSV export (and from SQLite).
    ///
    /// ```swift
    /// let table = try Table.query(postgres: "postgres://ana@localhost:5432/loja",
    ///                             "SELECT idade, cidade, comprou FROM clientes")
    /// ```
    /// `url`: anything libpq accepts (`postgres://user[:password]@host[:port]/db[?sslmode=…]` or `host=… dbname=…`).
    /// Rows stream one at a time (libpq's single-row mode): memory holds the table being built, not the result too.
    /// Cells: integer, floating-point and `numeric` columns are numbers (their decimal text correctly rounded to
    /// Float, as a CSV cell's), `boolean` is true/false, NULL is missing, other types (text, dates, …) are read as a
    /// CSV cell would be. Line numbers in ``TableColumn/firstText`` are 1-based row numbers.
    /// libpq is loaded at run time (`PostgresLibrary`, where the doc says why not PostgresNIO).
    /// Only `categorical`, `ignored`, `missingValues` and `decimalSeparator` (for text cells) of `options` apply.
    /// - Throws: ``PostgresError``: no libpq, a failed connection, a failing query, an unknown column.
    public static func query(postgres url: String, _ sql: String,
                             options: CSVReadOptions = CSVReadOptions()) throws(PostgresError) -> Table {
        let connection = try PostgresConnection(url)
        let decimal = CSVReader.Options.byte(options.decimalSeparator, role: "decimal separator")
        var rows = QueryTableBuilder()
        let names = try connection.run(sql) { row in
            rows.appendRow(columnCount: Int(row.count)) { index in
                let type = row.type(Int32(index))
                guard let text = row.text(Int32(index)) else { return (nil, "") }
                if type == Self.postgresBoolean { return (nil, text == "t" ? "true" : text == "f" ? "false" : text) }
                let separator = Self.postgresNumbers.contains(type) ? UInt8(ascii: ".") : decimal
                return (QueryTableBuilder.number(in: text, decimalSeparator: separator), text)
            }
        }
        for name in options.categorical.union(options.ignored).sorted() where !names.contains(name) {
            throw PostgresError(source: url, reason: .missingColumn(name, available: names))
        }
        return rows.table(names: names, options: options, path: PostgresError.redacted(url))
    }

    /// Every row of one table of a PostgreSQL database (`SELECT * FROM "name"`; `name` may be `schema.table`).
    public static func read(postgres url: String, table name: String,
                            options: CSVReadOptions = CSVReadOptions()) throws(PostgresError) -> Table {
        let quoted = name.split(separator: ".", omittingEmptySubsequences: false)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ".")
        return try query(postgres: url, "SELECT * FROM \(quoted)", options: options)
    }

    /// `pg_type` OIDs: `bool`, and the number types (int8, int2, int4, oid, float4, float8, numeric).
    private static let postgresBoolean: UInt32 = 16
    private static let postgresNumbers: Set<UInt32> = [20, 21, 23, 26, 700, 701, 1700]
}
