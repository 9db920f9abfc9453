/// Collects a database query's rows, cell by cell, into the number pass that `Table.assemble` types, so SQLite and
/// PostgreSQL results become the same ``Table`` as the CSV export of the same rows.
///
/// Each cell comes as its number (nil when it is not one) and its text; cells that are not numbers are kept as
/// exceptions, as `CSVReader` keeps them, with 1-based row numbers as their lines.
struct QueryTableBuilder {
    private var values: [Float] = []
    private var cells: [String] = []
    private var exceptions: [CSVReader.Exception] = []
    private var columnCount = 0
    private(set) var rowCount = 0

    /// Appends one row of `columnCount` cells; `cell(index)` gives column `index`'s number and text.
    mutating func appendRow(columnCount: Int, _ cell: (Int) -> (number: Float?, text: String)) {
        self.columnCount = columnCount
        for index in 0..<columnCount {
            let (number, text) = cell(index)
            if let number, number.isFinite {
                values.append(number)
            } else {
                values.append(.nan)
                exceptions.append(CSVReader.Exception(row: rowCount, column: index, line: rowCount + 1, text: text))
            }
            cells.append(text)
        }
        rowCount += 1
    }

    /// The typed table of the rows, columns named `names`.
    func table(names: [String], options: CSVReadOptions, path: String) -> Table {
        let numbers = CSVReader.Numbers(values: values, rowCount: rowCount, exceptions: exceptions)
        let width = max(columnCount, names.count, 1)
        // The texts are already read: the closure cannot fail, so neither can assemble.
        return try! Table.assemble(names: names, numbers: numbers, options: options, path: path) { columns in
            columns.map { column in stride(from: column, to: cells.count, by: width).map { cells[$0] } }
        }
    }

    /// `text` as a CSV cell's number, or nil.
    static func number(in text: String, decimalSeparator: UInt8) -> Float? {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            return DecimalFloatParser.parse(base, base + bytes.count, decimalSeparator: decimalSeparator)
        }
    }
}
