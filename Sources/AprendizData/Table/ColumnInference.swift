import Foundation

/// Decides each column's ``TableColumn/Kind`` from the cells that did not read as numbers.
///
/// ```
/// categorical  asked for (CSVReadOptions.categorical), or some cell is text that is not true/false
/// boolean      every cell true/false (any case) or missing, at least one not missing
/// missing      every cell missing (and at least one row)
/// numeric      otherwise: every cell a number or missing
/// ```
struct ColumnInference {
    let rowCount: Int
    let options: CSVReadOptions
    /// Per column: cells that are missing markers, text cells, and text cells that are true/false.
    private var missing: [Int]
    private var text: [Int]
    private var booleans: [Int]
    /// Per column: the first text cell.
    private(set) var firstText: [TableColumn.Cell?]

    init(columnCount: Int, rowCount: Int, options: CSVReadOptions) {
        self.rowCount = rowCount
        self.options = options
        missing = Array(repeating: 0, count: columnCount)
        text = missing
        booleans = missing
        firstText = Array(repeating: nil, count: columnCount)
    }

    /// The cell's text without surrounding white space.
    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// true/false in any case, else nil.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    mutating func classify(_ exceptions: [CSVReader.Exception]) {
        for cell in exceptions {
            let value = Self.trimmed(cell.text)
            if options.missingValues.contains(value) {
                missing[cell.column] += 1
            } else {
                text[cell.column] += 1
                if firstText[cell.column] == nil { firstText[cell.column] = TableColumn.Cell(line: cell.line, text: cell.text) }
                if Self.boolean(value) != nil { booleans[cell.column] += 1 }
            }
        }
    }

    func kind(of column: Int, name: String) -> TableColumn.Kind {
        if options.categorical.contains(name) { return .categorical }
        if text[column] > 0 {
            let allBoolean = booleans[column] == text[column] && text[column] + missing[column] == rowCount
            return allBoolean ? .boolean : .categorical
        }
        return rowCount > 0 && missing[column] == rowCount ? .missing : .numeric
    }

    /// A boolean column's cells (all of them are exceptions: true/false or missing markers).
    func booleans(column: Int, exceptions: [CSVReader.Exception]) -> [Bool?] {
        var values = [Bool?](repeating: nil, count: rowCount)
        for cell in exceptions where cell.column == column { values[cell.row] = Self.boolean(Self.trimmed(cell.text)) }
        return values
    }

    /// Categories (sorted) and codes of a text column; missing markers get code −1.
    func categorical(_ texts: [String]) -> TableColumn.Values {
        var codes = [Int32](repeating: -1, count: texts.count)
        var present = Set<String>()
        for text in texts where !options.missingValues.contains(Self.trimmed(text)) { present.insert(text) }
        let categories = present.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, Int32($0)) })
        for (row, text) in texts.enumerated() { codes[row] = index[text] ?? -1 }
        return .categorical(categories: categories, codes: codes)
    }
}
