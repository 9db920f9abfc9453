import Foundation
import SwiftCSV
import AprendizTensor

/// A table of numbers read from a CSV file with a header line: column names plus row-major `Float` values.
///
/// Format: comma-separated values (RFC 4180, <https://www.rfc-editor.org/rfc/rfc4180>) parsed by SwiftCSV; the
/// first record names the columns and every other record must have one finite number per column:
/// ```
/// sepal_length,sepal_width,species        ← line 1, the header
/// 5.1,3.5,0                               ← line 2 → values[0..<3]
/// ```
/// Cells may be quoted and surrounded by white space (trimmed, newlines included); blank lines are skipped (as pandas does). Errors name the file,
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

    /// Reads a UTF-8 CSV file with a header line.
    /// - Parameter delimiter: the field separator (default `,`; `\t` for TSV).
    /// - Throws: ``NumericTableError`` naming the file, line and column.
    public init(contentsOf url: URL, delimiter: Character = ",") throws(NumericTableError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw NumericTableError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        try self.init(csv: text, path: url.path, delimiter: delimiter)
    }

    /// Parses CSV text with a header line; `path` only labels errors.
    /// - Throws: ``NumericTableError`` naming `path`, line and column.
    public init(csv text: String, path: String = "<memory>", delimiter: Character = ",") throws(NumericTableError) {
        func fail(_ reason: NumericTableError.Reason) -> NumericTableError {
            NumericTableError(path: path, reason: reason)
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw fail(.emptyFile) }
        // SwiftCSV drops an empty last field when the text does not end with a newline ("1,2," → 2 fields);
        // ending it with one makes every record go through the same path.
        let terminated = text.last!.isNewline ? text : text + "\n"
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: terminated, delimiter: .character(delimiter), loadColumns: false,
                                      rowLimit: 0)
        } catch {
            throw fail(.malformed(line: 1, message: Self.message(for: error)))
        }
        let names = csv.header
        guard names != [""] else { throw fail(.emptyHeader) }
        if let duplicate = Self.firstDuplicate(in: names) { throw fail(.duplicateColumn(duplicate)) }
        var reader = RecordReader(columnNames: names, firstLine: 1 + Self.lineCount(of: names))
        do {
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { reader.consume($0) }
        } catch {
            throw fail(.malformed(line: reader.line, message: Self.message(for: error)))
        }
        if let reason = reader.failure { throw fail(reason) }
        self.init(columnNames: names, values: reader.values, path: path)
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

    private static func firstDuplicate(in names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }

    /// Lines a record spans: one, plus one per newline inside its (quoted) fields.
    static func lineCount(of fields: [String]) -> Int {
        1 + fields.reduce(0) { $0 + $1.reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
    }

    private static func message(for error: any Error) -> String {
        switch error as? CSVParseError {
        case .generic(let message), .quotation(let message): message
        case nil: "\(error)"
        }
    }
}

/// Turns SwiftCSV's records into values, tracking the line each record starts on and keeping the first error
/// (SwiftCSV's callback cannot throw, so later records are skipped once one fails).
private struct RecordReader {
    let columnNames: [String]
    /// The line the next record starts on.
    var line: Int
    var values: [Float] = []
    var failure: NumericTableError.Reason?

    init(columnNames: [String], firstLine: Int) {
        self.columnNames = columnNames
        self.line = firstLine
    }

    mutating func consume(_ fields: [String]) {
        let recordLine = line
        line += NumericTable.lineCount(of: fields)
        guard failure == nil, fields != [""] else { return }  // blank lines are skipped
        guard fields.count == columnNames.count else {
            failure = .wrongFieldCount(line: recordLine, expected: columnNames.count, actual: fields.count)
            return
        }
        for (field, name) in zip(fields, columnNames) {
            let trimmed = field.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                failure = .emptyCell(line: recordLine, column: name)
                return
            }
            guard let value = Float(trimmed), value.isFinite else {
                failure = .notANumber(line: recordLine, column: name, value: field)
                return
            }
            values.append(value)
        }
    }
}
