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

    /// The cell's text without surrounding white space: the scalars of Foundation's
    /// `CharacterSet.whitespacesAndNewlines`, which on Linux are Unicode's `White_Space` (tab to carriage return,
    /// space, U+0085, the `Zs`, `Zl` and `Zp` spaces) plus U+200B ZERO WIDTH SPACE (checked over every scalar).
    /// Trimmed by scalars in Swift: Foundation's `trimmingCharacters(in:)` goes through `NSString` on Linux and was
    /// 17 % of the time of reading a small text table (`Fuzz/`, the `table` target).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }),
              let last = scalars.lastIndex(where: { !isWhiteSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Unicode's `White_Space` or U+200B, with the ASCII cases (space, tab to carriage return) decided without a
    /// table lookup.
    private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
            : scalar.value == 0x200B || scalar.properties.isWhitespace
    }

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
