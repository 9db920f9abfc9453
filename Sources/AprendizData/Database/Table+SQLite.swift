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
        var values: [Float] = []
        var cells: [String] = []
        var exceptions: [CSVReader.Exception] = []
        var rowCount = 0
        let names = try database.run(sql) { statement, columns in
            for index in 0..<columns {
                let text: String
                var number: Float?
                switch database.cell(statement, index) {
                case .number(let value):
                    number = Float(value)
                    text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
                case .text(let value):
                    text = value
                    number = Self.number(in: value, decimalSeparator: decimal)
                case .null:
                    text = ""
                }
                if let value = number, value.isFinite {
                    values.append(value)
                } else {
                    values.append(.nan)
                    exceptions.append(CSVReader.Exception(row: rowCount, column: Int(index), line: rowCount + 1, text: text))
                }
                cells.append(text)
            }
            rowCount += 1
        }
        for name in options.categorical.union(options.ignored).sorted() where !names.contains(name) {
            throw SQLiteError(path: path, reason: .missingColumn(name, available: names))
        }
        let numbers = CSVReader.Numbers(values: values, rowCount: rowCount, exceptions: exceptions)
        // The texts are already read: the closure cannot fail, so neither can assemble.
        return try! assemble(names: names, numbers: numbers, options: options, path: path) { columns in
            columns.map { column in stride(from: column, to: cells.count, by: max(names.count, 1)).map { cells[$0] } }
        }
    }

    /// Every row of one table of a SQLite database file (`SELECT * FROM "name"`).
    public static func read(sqlite path: String, table name: String,
                            options: CSVReadOptions = CSVReadOptions()) throws(SQLiteError) -> Table {
        try query(sqlite: path, "SELECT * FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"", options: options)
    }

    /// `text` as a CSV cell's number, or nil.
    private static func number(in text: String, decimalSeparator: UInt8) -> Float? {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            return DecimalFloatParser.parse(base, base + bytes.count, decimalSeparator: decimalSeparator)
        }
    }
}
