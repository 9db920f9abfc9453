import Foundation
import AprendizTensor

/// A table as users have them — numbers, yes/no flags, text, empty cells — read from a CSV file with a header
/// line: named columns, each of one inferred type (``TableColumn``).
///
/// ```swift
/// let table = try Table.readCSV(URL(fileURLWithPath: "clientes.csv"),
///                               options: CSVReadOptions(decimalSeparator: ",", categorical: ["cep"]))
/// let city = try table.column(named: "cidade")      // .categorical(categories: ["Lisboa", "Porto"], codes: […])
/// ```
/// Reading: `CSVReader` (the file mapped, chunks parsed in parallel, numbers correctly rounded to `Float`) reads
/// every cell as a number first; a second pass reads the text of only the columns that turned out not to be
/// numeric. Types as pandas' `read_csv` infers them; missing markers from ``CSVReadOptions/missingValues``.
public struct Table: Equatable, Sendable {
    /// The columns, in file order (ignored ones left out).
    public var columns: [TableColumn]
    /// The number of data rows.
    public var rowCount: Int
    /// Where the table came from, used to label errors (a file path or `<memory>`).
    public var path: String

    /// The columns' names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Creates a table; every column must have `rowCount` cells.
    public init(columns: [TableColumn], rowCount: Int, path: String = "<memory>") {
        for column in columns {
            require(column.count == rowCount, "Table: column '\(column.name)' has \(column.count) cells, expected \(rowCount)")
        }
        self.columns = columns
        self.rowCount = rowCount
        self.path = path
    }

    /// The column called `name`.
    /// - Throws: ``NumericTableError/Reason/missingColumn(_:available:)`` listing the available names.
    public func column(named name: String) throws(NumericTableError) -> TableColumn {
        guard let column = columns.first(where: { $0.name == name }) else {
            throw NumericTableError(path: path, reason: .missingColumn(name, available: columnNames))
        }
        return column
    }

    /// Reads a UTF-8 CSV file (with or without a byte-order mark) with a header line.
    /// - Throws: ``NumericTableError`` naming the file, and the line and column of a syntax error or ragged row.
    public static func readCSV(_ url: URL, options: CSVReadOptions = CSVReadOptions()) throws(NumericTableError) -> Table {
        let bytes: ReadOnlyBytes
        do {
            bytes = try ReadOnlyBytes(mapping: url.path)
        } catch {
            throw NumericTableError(path: url.path, reason: .unreadable(error.message))
        }
        return try read(bytes, path: url.path, options: options)
    }

    /// Parses CSV text with a header line; `path` only labels errors.
    public static func readCSV(text: String, path: String = "<memory>",
                               options: CSVReadOptions = CSVReadOptions()) throws(NumericTableError) -> Table {
        try read(ReadOnlyBytes(copying: text), path: path, options: options)
    }

    /// Reads `bytes` (a header line and records); `path` labels errors.
    static func read(_ bytes: ReadOnlyBytes, path: String, options: CSVReadOptions) throws(NumericTableError) -> Table {
        let decimal = CSVReader.Options.byte(options.decimalSeparator, role: "decimal separator")
        let delimiter = options.delimiter.map { CSVReader.Options.byte($0, role: "delimiter") }
            ?? DelimiterDetection.detect(in: bytes, decimalSeparator: decimal)
        require(delimiter != decimal, "Table.readCSV: the delimiter and the decimal separator are both '\(UnicodeScalar(delimiter))'")
        let reader = try CSVReader.checkedHeader(
            bytes: bytes, options: CSVReader.Options(delimiter: delimiter, decimalSeparator: decimal, threads: options.threads,
                                                     minimumChunkBytes: options.minimumChunkBytes,
                                                     maximumFieldBytes: options.maximumFieldBytes, maximumColumns: options.maximumColumns),
            path: path)
        let names = reader.columnNames
        for name in options.categorical.union(options.ignored).sorted() where !names.contains(name) {
            throw NumericTableError(path: path, reason: .missingColumn(name, available: names))
        }
        do {
            let numbers = try reader.readNumbers(stopAtFirstException: false)
            return try assemble(names: names, numbers: numbers, options: options, path: path) { columns throws(CSVReader.Failure) in
                try reader.readTexts(columns: columns)
            }
        } catch {
            throw NumericTableError(path: path, reason: error.reason)
        }
    }

    /// Types the columns from a number pass (`numbers`: every cell read as a number, the others kept as
    /// exceptions) and builds the table; `texts` gives every cell of the columns that turn out categorical.
    static func assemble(names: [String], numbers: CSVReader.Numbers, options: CSVReadOptions, path: String,
                         texts: ([Int]) throws(CSVReader.Failure) -> [[String]]) throws(CSVReader.Failure) -> Table {
        var inference = ColumnInference(columnCount: names.count, rowCount: numbers.rowCount, options: options)
        inference.classify(numbers.exceptions)
        let textColumns = names.indices.filter { inference.kind(of: $0, name: names[$0]) == .categorical }
        let textsByColumn = Dictionary(uniqueKeysWithValues: zip(textColumns, try texts(textColumns)))
        var columns: [TableColumn] = []
        for (index, name) in names.enumerated() where !options.ignored.contains(name) {
            let values: TableColumn.Values
            switch inference.kind(of: index, name: name) {
            case .numeric:
                values = .numeric(stride(from: index, to: numbers.values.count, by: names.count).map { numbers.values[$0] })
            case .boolean:
                values = .boolean(inference.booleans(column: index, exceptions: numbers.exceptions))
            case .categorical:
                values = inference.categorical(textsByColumn[index] ?? [])
            case .missing:
                values = .missing(count: numbers.rowCount)
            }
            columns.append(TableColumn(name: name, values: values, firstText: inference.firstText[index]))
        }
        return Table(columns: columns, rowCount: numbers.rowCount, path: path)
    }
}
