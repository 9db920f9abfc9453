/// The SQL that writes a ``Table`` as a new database table: one `CREATE TABLE` and `INSERT`s of up to 500 rows,
/// shared by the SQLite and PostgreSQL writers (each runs them in one transaction).
///
/// Column types: numeric → REAL, boolean → the dialect's boolean type, categorical → TEXT, missing cells → NULL.
struct TableSQL {
    /// The `CREATE TABLE` statement.
    let create: String
    /// The `INSERT` statements, in row order.
    let inserts: [String]

    /// - Parameters:
    ///   - booleanType: the column type of boolean columns (`INTEGER` in SQLite, `BOOLEAN` in PostgreSQL).
    ///   - booleanLiterals: how true and false are written (`1`/`0`, `TRUE`/`FALSE`).
    init(_ table: Table, name: String, booleanType: String, booleanLiterals: (true: String, false: String)) {
        let quoted = Self.identifier(name)
        let definitions = table.columns.map { column -> String in
            let type = switch column.kind {
            case .numeric, .missing: "REAL"
            case .boolean: booleanType
            case .categorical: "TEXT"
            }
            return "\(Self.identifier(column.name)) \(type)"
        }
        create = "CREATE TABLE \(quoted) (\(definitions.joined(separator: ", ")))"
        let batch = 500
        inserts = stride(from: 0, to: table.rowCount, by: batch).map { start in
            let rows = (start..<min(start + batch, table.rowCount)).map { row in
                "(" + table.columns.map { Self.literal($0, row: row, booleans: booleanLiterals) }.joined(separator: ", ") + ")"
            }
            return "INSERT INTO \(quoted) VALUES " + rows.joined(separator: ", ")
        }
    }

    /// A name as a SQL identifier: in double quotes, inner quotes doubled.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Cell `row` of `column` as a SQL literal.
    private static func literal(_ column: TableColumn, row: Int, booleans: (true: String, false: String)) -> String {
        switch column.values {
        case .numeric(let values): values[row].isNaN ? "NULL" : "\(values[row])"
        case .boolean(let values): values[row].map { $0 ? booleans.true : booleans.false } ?? "NULL"
        case .categorical(let categories, let codes):
            codes[row] < 0 ? "NULL" : "'" + categories[Int(codes[row])].replacingOccurrences(of: "'", with: "''") + "'"
        case .missing: "NULL"
        }
    }
}
