/// One column of a ``Table``: a name and values of one type, with missing cells marked.
///
/// Types, as ``Table/readCSV(_:options:)`` infers them (pandas' `read_csv` makes the same split):
/// ```
/// numeric      every cell a number or missing            → Float, NaN where missing
/// boolean      every cell true/false (any case) or missing → Bool?, nil where missing
/// categorical  anything else, or asked for by name       → codes into sorted category names, −1 where missing
/// missing      every cell missing
/// ```
public struct TableColumn: Equatable, Sendable {
    /// The values of a column, by type.
    public enum Values: Equatable, Sendable {
        /// Numbers; NaN marks a missing cell.
        case numeric([Float])
        /// Booleans; nil marks a missing cell.
        case boolean([Bool?])
        /// Text: `codes[row]` indexes `categories` (sorted by Unicode scalar values, as scikit-learn's
        /// `OneHotEncoder` sorts them); −1 marks a missing cell.
        case categorical(categories: [String], codes: [Int32])
        /// Every one of `count` cells is missing.
        case missing(count: Int)

        /// Equal cells; a missing number (NaN) equals a missing number.
        public static func == (lhs: Values, rhs: Values) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let a), .numeric(let b)):
                a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            case (.boolean(let a), .boolean(let b)): a == b
            case (.categorical(let c1, let k1), .categorical(let c2, let k2)): c1 == c2 && k1 == k2
            case (.missing(let a), .missing(let b)): a == b
            default: false
            }
        }
    }

    /// The kind of a column's values.
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case numeric, boolean, categorical, missing
    }

    /// A cell's text and the line it is on in the file (for messages).
    public struct Cell: Equatable, Sendable {
        public var line: Int
        public var text: String
    }

    /// The header's name.
    public var name: String
    /// The values.
    public var values: Values
    /// The first cell that is neither a number nor a missing marker (what made a column text), when read from a file.
    public var firstText: Cell?

    /// Creates a column.
    public init(name: String, values: Values, firstText: Cell? = nil) {
        self.name = name
        self.values = values
        self.firstText = firstText
    }

    /// The kind of the values.
    public var kind: Kind {
        switch values {
        case .numeric: .numeric
        case .boolean: .boolean
        case .categorical: .categorical
        case .missing: .missing
        }
    }

    /// The number of cells.
    public var count: Int {
        switch values {
        case .numeric(let values): values.count
        case .boolean(let values): values.count
        case .categorical(_, let codes): codes.count
        case .missing(let count): count
        }
    }

    /// The number of missing cells.
    public var missingCount: Int {
        switch values {
        case .numeric(let values): values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .boolean(let values): values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .categorical(_, let codes): codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        case .missing(let count): count
        }
    }

    /// The cells as numbers: numeric as they are, booleans as 1/0, NaN where missing; nil for categorical text.
    public var floats: [Float]? {
        switch values {
        case .numeric(let values): values
        case .boolean(let values): values.map { $0.map { $0 ? 1 : 0 } ?? .nan }
        case .categorical: nil
        case .missing(let count): [Float](repeating: .nan, count: count)
        }
    }

    /// The cells as text: categories as they are, numbers as Swift prints them, nil where missing.
    public var texts: [String?] {
        switch values {
        case .numeric(let values): values.map { $0.isNaN ? nil : "\($0)" }
        case .boolean(let values): values.map { $0.map { "\($0)" } }
        case .categorical(let categories, let codes): codes.map { $0 < 0 ? nil : categories[Int($0)] }
        case .missing(let count): [String?](repeating: nil, count: count)
        }
    }
}
