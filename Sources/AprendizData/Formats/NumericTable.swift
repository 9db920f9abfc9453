import Foundation
import AprendizTensor

/// A table of numbers read from a CSV file with a header line: column names plus row-major `Float` values.
///
/// Format: comma-separated values (RFC 4180, <https://www.rfc-editor.org/rfc/rfc4180>) parsed by `CSVReader`;
/// the first record names the columns and every other record must have one finite number per column:
/// ```
/// sepal_length,sepal_width,species        ← line 1, the header
/// 5.1,3.5,0                               ← line 2 → values[0..<3]
/// ```
/// Cells may be quoted and surrounded by white space (trimmed, newlines included); blank lines are skipped (as
/// pandas does); a UTF-8 byte-order mark is skipped. Numbers are correctly rounded to `Float`. Errors name the file,
/// the 1-based line number where the record starts (the header is line 1; a quoted field spanning lines counts
/// every line it spans) and the column.
public struct NumericTable: Equatable, Sendable {
    /// The header's column names, in file order.
    public var columnNames: [String]
    /// The values, row-major: the cell of row `r` and column `c` is `values[r * columnCount + c]`.
    public var values: [Float]
    /// Where the table came from, used to label errors (a file path or `<memory>`).
    public var path: String

    /// The number of columns.
    public var columnCount: Int { columnNames.count }
    /// The number of data rows (the header not counted).
    public var rowCount: Int { columnNames.isEmpty ? 0 : values.count / columnNames.count }

    /// Creates a table; `values.count` must be a multiple of `columnNames.count`.
    public init(columnNames: [String], values: [Float], path: String = "<memory>") {
        require(columnNames.isEmpty ? values.isEmpty : values.count % columnNames.count == 0,
                     "NumericTable: \(values.count) values do not fill rows of \(columnNames.count) columns")
        self.columnNames = columnNames
        self.values = values
        self.path = path
    }

    /// Reads a UTF-8 CSV file with a header line (mapped into memory, parsed in parallel by `CSVReader`).
    /// - Parameter url: the file to read.
    /// - Parameter delimiter: the field separator, an ASCII character (default `,`; `\t` for TSV).
    /// - Throws: ``NumericTableError`` naming the file, line and column.
    public init(contentsOf url: URL, delimiter: Character = ",") throws(NumericTableError) {
        let bytes: ReadOnlyBytes
        do {
            bytes = try ReadOnlyBytes(mapping: url.path)
        } catch {
            throw NumericTableError(path: url.path, reason: .unreadable(error.message))
        }
        try self.init(bytes: bytes, path: url.path, delimiter: delimiter)
    }

    /// Parses CSV text with a header line; `path` only labels errors.
    /// - Throws: ``NumericTableError`` naming `path`, line and column.
    public init(csv text: String, path: String = "<memory>", delimiter: Character = ",") throws(NumericTableError) {
        try self.init(bytes: ReadOnlyBytes(copying: text), path: path, delimiter: delimiter)
    }

    private init(bytes: ReadOnlyBytes, path: String, delimiter: Character) throws(NumericTableError) {
        let options = CSVReader.Options(delimiter: CSVReader.Options.byte(delimiter, role: "delimiter"))
        let reader = try CSVReader.checkedHeader(bytes: bytes, options: options, path: path)
        let numbers: CSVReader.Numbers
        do {
            numbers = try reader.readNumbers(stopAtFirstException: true)
        } catch {
            throw NumericTableError(path: path, reason: error.reason)
        }
        if let cell = numbers.exceptions.first {
            let column = reader.columnNames[cell.column]
            throw NumericTableError(path: path, reason: cell.text.allSatisfy(\.isWhitespace)
                ? .emptyCell(line: cell.line, column: column)
                : .notANumber(line: cell.line, column: column, value: cell.text))
        }
        self.init(columnNames: reader.columnNames, values: numbers.values, path: path)
    }

    /// The values of the column called `name`, top to bottom.
    /// - Throws: ``NumericTableError/Reason/missingColumn(_:available:)`` listing the available names.
    public func column(named name: String) throws(NumericTableError) -> [Float] {
        let index = try columnIndex(of: name)
        return stride(from: index, to: values.count, by: columnCount).map { values[$0] }
    }

    /// Splits off the column called `target`: the remaining columns as a table, and the target's values.
    ///
    /// Typical use: `let (features, labels) = try table.split(target: "species")`, then `features.values`
    /// (row-major, `features.rowCount × features.columnCount`) and `labels` (one per row).
    /// - Throws: ``NumericTableError/Reason/missingColumn(_:available:)`` listing the available names.
    public func split(target: String) throws(NumericTableError) -> (features: NumericTable, target: [Float]) {
        let targetIndex = try columnIndex(of: target)
        var features: [Float] = []
        features.reserveCapacity(rowCount * (columnCount - 1))
        var targets: [Float] = []
        targets.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let start = row * columnCount
            features += values[start..<(start + targetIndex)]
            targets.append(values[start + targetIndex])
            features += values[(start + targetIndex + 1)..<(start + columnCount)]
        }
        var names = columnNames
        names.remove(at: targetIndex)
        return (NumericTable(columnNames: names, values: features, path: path), targets)
    }

    private func columnIndex(of name: String) throws(NumericTableError) -> Int {
        guard let index = columnNames.firstIndex(of: name) else {
            throw NumericTableError(path: path, reason: .missingColumn(name, available: columnNames))
        }
        return index
    }
}
