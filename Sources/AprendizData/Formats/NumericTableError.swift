import Foundation

/// A CSV file that could not be loaded as a ``NumericTable`` or ``Table``, or a column that is not in the table or
/// cannot be used as asked.
///
/// The description is one line naming the file, the 1-based line (the header is line 1), the column and the
/// problem, e.g. `CSV file 'iris.csv', line 17, column 'petal_width': "abc" is not a number`.
/// Format: RFC 4180 <https://www.rfc-editor.org/rfc/rfc4180>, parsed by `CSVReader`.
public struct NumericTableError: DataFileError, Equatable, Sendable {
    public static let formatName = "CSV"

    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be opened or is not UTF-8 (the system's message).
        case unreadable(String)
        /// The file is empty or holds only whitespace: no header.
        case emptyFile
        /// The header line has no column names (it is blank).
        case emptyHeader
        /// Two header columns have the same name.
        case duplicateColumn(String)
        /// The CSV syntax is broken, e.g. a stray quote in the record starting at `line`.
        case malformed(line: Int, message: String)
        /// A record has `actual` fields where the header has `expected`.
        case wrongFieldCount(line: Int, expected: Int, actual: Int)
        /// A cell is empty (or only white space).
        case emptyCell(line: Int, column: String)
        /// A cell does not parse as a finite `Float` (text, NaN, ±∞, or out of `Float` range).
        case notANumber(line: Int, column: String, value: String)
        /// A column asked for by name is not in the table.
        case missingColumn(String, available: [String])
        /// A column of this kind (text, all missing) cannot be a feature or target as it is.
        case unsupportedColumn(String, kind: String)
        /// A column needed as numbers holds text, first `value` on `line`.
        case textInColumn(line: Int, column: String, value: String)
        /// A column has `count` missing cells where numbers are needed.
        case missingCells(column: String, count: Int)
        /// A target's class is not one of the model's classes.
        case unknownClass(column: String, value: String, known: [String])
        /// A chunk read by ``CSVTableStream`` does not fit the column types of its first pass (the file changed).
        case changedColumn(line: Int, column: String, expected: String, found: String)
    }

    /// Whether ``reason`` is ``Reason/missingCells(column:count:)``.
    public var isMissingCellsError: Bool { if case .missingCells = reason { true } else { false } }

    /// The file's path (or `<memory>`).
    public var path: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The place in the file (line, column) and the problem.
    public var detail: String {
        switch reason {
        case .unreadable(let message): ": cannot be read as UTF-8 text: \(message)"
        case .emptyFile: ": is empty (expected a header line with column names)"
        case .emptyHeader: ", line 1: the header is blank (expected column names)"
        case .duplicateColumn(let name): ", line 1: column name '\(name)' appears more than once"
        case .malformed(let line, let message): ", record starting at line \(line): malformed CSV: \(message)"
        case .wrongFieldCount(let line, let expected, let actual):
            ", line \(line): \(actual) fields but the header has \(expected) columns"
        case .emptyCell(let line, let column): ", line \(line), column '\(column)': empty cell"
        case .notANumber(let line, let column, let value):
            ", line \(line), column '\(column)': \(NumericTableError.quoted(value)) is not a finite number"
        case .missingColumn(let name, let available):
            ": no column '\(name)' (columns: \(available.map { "'\($0)'" }.joined(separator: ", ")))"
        case .unsupportedColumn(let name, let kind):
            ", column '\(name)': \(kind) values cannot be used as numbers (leave the column out)"
        case .textInColumn(let line, let column, let value):
            ", line \(line), column '\(column)': \(NumericTableError.quoted(value)) is text in a column of numbers "
                + "(fix the cell, mark the column categorical to one-hot encode it, or leave it out)"
        case .missingCells(let column, let count):
            ", column '\(column)': \(count) missing cells (NA, NaN, null, ?, empty); impute them (mean, median or most-frequent) or leave the column out"
        case .unknownClass(let column, let value, let known):
            ", column '\(column)': class '\(value)' is not one of the model's classes (\(known.map { "'\($0)'" }.joined(separator: ", ")))"
        case .changedColumn(let line, let column, let expected, let found):
            ", line \(line), column '\(column)': \(found) where the first pass found \(expected) (did the file change while read?)"
        }
    }

    /// The cell in quotes, with newlines escaped so the message stays on one line, cut at 40 characters.
    private static func quoted(_ value: String) -> String {
        let escaped = value.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        return "\"" + (escaped.count > 40 ? escaped.prefix(40) + "…" : escaped) + "\""
    }
}
