import AprendizTensor

/// How a missing number is filled: the statistic of the column's present values (scikit-learn's `SimpleImputer`
/// strategies, chapter 12's preprocessing).
///
/// ```
/// mean            Σ xᵢ / n over the present values
/// median          the middle present value (the mean of the two middle ones for even n)
/// most-frequent   the most frequent present value (the smallest among ties, as scikit-learn)
/// ```
/// A column with no present value fills with 0.
public enum MissingValueStrategy: String, Codable, CaseIterable, Sendable {
    case mean, median
    case mostFrequent = "most-frequent"

    /// The fill value of a column whose present (non-NaN) values are `present`.
    public func fillValue(_ present: [Float]) -> Float {
        guard !present.isEmpty else { return 0 }
        switch self {
        case .mean: return Float(present.reduce(0.0) { $0 + Double($1) } / Double(present.count))
        case .median:
            let sorted = present.sorted(), m = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
        case .mostFrequent:
            let counts = Dictionary(present.map { ($0, 1) }, uniquingKeysWith: +)
            return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        }
    }
}

/// The recorded preprocessing from a table's feature columns to a model's inputs — what scikit-learn writes as
/// `ColumnTransformer([("num", SimpleImputer(strategy), numeric), ("cat", OneHotEncoder(handle_unknown="ignore"),
/// categorical)])` — learnt from the training rows and saved with the model, so prediction prepares new tables
/// exactly as training did, matching columns by header name (their order may differ).
///
/// ```
/// numeric column      x            → x, a missing x → fill (the strategy's statistic of the training rows)
/// categorical column  c ∈ {c₁…c_m} → [c = c₁, …, c = c_m] (categories of the training rows, sorted)
///                     unseen c     → all zeros (counted in ``Encoded/unknownCells``)
///                     missing c    → the most frequent training category (with a strategy), else an error
/// ```
/// Numeric columns keep their position; a categorical column's indicators replace it, named `column=category`.
public struct TableEncoding: Codable, Equatable, Sendable {
    /// One feature column of the source table.
    public struct Column: Codable, Equatable, Sendable {
        /// The header name.
        public var name: String
        /// The training categories (sorted) of a categorical column; nil for a numeric one.
        public var categories: [String]?
        /// What replaces a missing cell: a number, or the index of a category; nil when there were none to fill
        /// (a missing cell at prediction time is then an error).
        public var fill: Float?
    }

    /// The source columns, in the model's input order (numbers in place, categories expanded where they stood).
    public var columns: [Column]
    /// The strategy the fill values came from (nil: none was asked for).
    public var missing: MissingValueStrategy?

    /// The model's input feature names: numeric columns by name, indicators as `column=category`.
    public var featureNames: [String] {
        columns.flatMap { column in column.categories.map { $0.map { "\(column.name)=\($0)" } } ?? [column.name] }
    }

    /// The number of model inputs.
    public var width: Int { columns.reduce(0) { $0 + ($1.categories?.count ?? 1) } }

    /// A table's features in the encodable form ``Table/labeled(target:classNames:encodable:)`` gives: numbers
    /// (NaN where missing) and category codes (NaN where missing) with the categories the codes index.
    public struct Source: Sendable {
        /// `[rows, columns]`.
        public var values: Tensor
        /// The columns' header names.
        public var names: [String]
        /// Per column, the categories its codes index (nil for numbers).
        public var categories: [[String]?]
        /// The file the rows came from, for messages.
        public var path: String

        /// The features of a table read from `path`: `values` `[rows, names.count]`, `categories[j]` for column j.
        public init(values: Tensor, names: [String], categories: [[String]?], path: String) {
            self.values = values
            self.names = names
            self.categories = categories
            self.path = path
        }
    }

    /// The encoded features and how many cells held a category the training rows did not.
    public struct Encoded: Sendable {
        /// `[rows, width]`.
        public var features: Tensor
        /// Cells of a categorical column whose category the training rows did not have (encoded as all zeros).
        public var unknownCells: Int
    }

    /// Whether `source` needs an encoding at all: a categorical column or a missing cell.
    public static func isNeeded(for source: Source) -> Bool {
        source.categories.contains { $0 != nil } || source.values.scalars.contains { $0.isNaN }
    }

    /// Learns the encoding from the rows `rows` of `source` (the training part).
    /// - Throws: ``NumericTableError`` naming the column: missing cells without a `missing` strategy.
    public static func fit(_ source: Source, rows: [Int], missing: MissingValueStrategy?) throws(NumericTableError) -> TableEncoding {
        let p = source.names.count, values = source.values.scalars
        var columns: [Column] = []
        for j in 0..<p {
            let present = rows.map { values[$0 * p + j] }.filter { !$0.isNaN }
            if present.count < rows.count && missing == nil {
                throw NumericTableError(path: source.path, reason: .missingCells(column: source.names[j], count: rows.count - present.count))
            }
            if let names = source.categories[j] {
                let seen = Array(Set(present.map { names[Int($0)] })).sorted()
                let mode = MissingValueStrategy.mostFrequent.fillValue(present)
                let fill = present.isEmpty ? nil : seen.firstIndex(of: names[Int(mode)]).map(Float.init)
                columns.append(Column(name: source.names[j], categories: seen, fill: missing == nil ? nil : fill))
            } else {
                columns.append(Column(name: source.names[j], categories: nil, fill: missing?.fillValue(present)))
            }
        }
        return TableEncoding(columns: columns, missing: missing)
    }

    /// Encodes every row of `source`, whose columns are found by name.
    /// - Throws: ``NumericTableError``: a column of the encoding not in `source`, a numeric column that became
    ///   text or the reverse, a missing cell with nothing to fill it.
    public func encode(_ source: Source) throws(NumericTableError) -> Encoded {
        let rows = source.values.shape[0], p = source.names.count, values = source.values.scalars
        var out = [Float](repeating: 0, count: rows * width)
        var unknown = 0, offset = 0
        // A missing cell's replacement, or an error naming the column when training had nothing to fill it with.
        func fillValue(_ column: Column) throws(NumericTableError) -> Float {
            guard let fill = column.fill else {
                throw NumericTableError(path: source.path, reason: .missingCells(column: column.name, count: 1))
            }
            return fill
        }
        for column in columns {
            guard let j = source.names.firstIndex(of: column.name) else {
                throw NumericTableError(path: source.path, reason: .missingColumn(column.name, available: source.names))
            }
            switch (column.categories, source.categories[j]) {
            case (nil, nil):
                for i in 0..<rows {
                    var x = values[i * p + j]
                    if x.isNaN { x = try fillValue(column) }
                    out[i * width + offset] = x
                }
                offset += 1
            case (let categories?, let names?):
                let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
                let position = names.map { index[$0] }
                for i in 0..<rows {
                    let code = values[i * p + j]
                    let k = code.isNaN ? Int(try fillValue(column)) : position[Int(code)]
                    if let k { out[i * width + offset + k] = 1 } else { unknown += 1 }
                }
                offset += categories.count
            case (nil, _?):
                throw NumericTableError(path: source.path, reason: .unsupportedColumn(column.name, kind: "text (the model was trained on numbers)"))
            case (let categories?, nil):
                // Numbers where the model saw categories: read them as category text ("3" is category "3").
                let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
                for i in 0..<rows {
                    let x = values[i * p + j]
                    if x.isNaN {
                        out[i * width + offset + Int(try fillValue(column))] = 1
                    } else if let k = index[Self.text(x)] {
                        out[i * width + offset + k] = 1
                    } else {
                        unknown += 1
                    }
                }
                offset += categories.count
            }
        }
        return Encoded(features: Tensor(shape: [rows, width], scalars: out), unknownCells: unknown)
    }

    /// A number as the CSV reader would have kept it as category text (`3`, `2.5`).
    private static func text(_ x: Float) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x)
    }
}
