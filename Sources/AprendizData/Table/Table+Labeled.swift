import AprendizTensor

extension Table {
    /// The table as features and targets for training: every other column a feature, `target` the target.
    ///
    /// ```
    /// numeric column    → its values          boolean column → 1 (true) / 0 (false)
    /// numeric target    → its values          categorical target → class index into `classNames`
    /// ```
    /// Class names are the target's categories, sorted (scikit-learn's `LabelEncoder` order), or the given
    /// `classNames` (a saved model's classes: the same text gets the same index). Missing cells and text feature
    /// columns are errors unless `encodable`: then a categorical feature gives its category codes (as scikit-learn's
    /// `OrdinalEncoder`, the input a `OneHotEncoder` expects) and a missing cell NaN (what a `SimpleImputer` fills),
    /// the chapter-12 transformers' job; ``LabeledTable/featureCategories`` names the codes.
    /// - Throws: ``NumericTableError`` naming the column: missing target, text feature, missing cells, unknown class.
    public func labeled(target: String, classNames: [String]? = nil,
                        encodable: Bool = false) throws(NumericTableError) -> LabeledTable {
        let targetColumn = try column(named: target)
        let (targets, names) = try targetValues(targetColumn, classNames: classNames)
        let source = encodable ? encodableFeatures(excluding: target) : try numericFeatures(excluding: target)
        return LabeledTable(featureNames: source.names, features: source.values, targets: Tensor(targets), classNames: names,
                            featureCategories: source.categories.contains { $0 != nil } ? source.categories : nil)
    }

    /// Every column but `target` in the form a ``TableEncoding`` reads: numbers and booleans as numbers, categorical
    /// columns as their category codes (with the categories), missing cells as NaN.
    public func encodableFeatures(excluding target: String? = nil) -> TableEncoding.Source {
        let kept = columns.filter { $0.name != target }
        return TableEncoding.Source(values: Self.matrix(kept.map { column in
            if case .categorical(_, let codes) = column.values { return codes.map { $0 < 0 ? .nan : Float($0) } }
            return column.floats ?? []
        }, rows: rowCount), names: kept.map(\.name), categories: kept.map { column in
            if case .categorical(let categories, _) = column.values { return categories }
            return nil
        }, path: path)
    }

    /// Every column but `target` as numbers; text or missing cells are errors.
    private func numericFeatures(excluding target: String) throws(NumericTableError) -> TableEncoding.Source {
        let kept = columns.filter { $0.name != target }
        var values: [[Float]] = []
        for column in kept { values.append(try column.numbers(path: path)) }
        return TableEncoding.Source(values: Self.matrix(values, rows: rowCount), names: kept.map(\.name),
                                    categories: Array(repeating: nil, count: kept.count), path: path)
    }

    /// Columns of `rows` values as a `[rows, columns]` matrix.
    private static func matrix(_ columns: [[Float]], rows: Int) -> Tensor {
        var scalars = [Float](repeating: 0, count: rows * columns.count)
        for (index, values) in columns.enumerated() {
            for row in 0..<rows { scalars[row * columns.count + index] = values[row] }
        }
        return Tensor(shape: [rows, columns.count], scalars: scalars)
    }

    private func targetValues(_ column: TableColumn,
                              classNames: [String]?) throws(NumericTableError) -> (values: [Float], classNames: [String]?) {
        let missing = column.missingCount
        guard missing == 0 else { throw NumericTableError(path: path, reason: .missingCells(column: column.name, count: missing)) }
        switch column.values {
        case .categorical(let categories, let codes):
            let names = classNames ?? categories
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Float($0)) })
            var mapped: [Float] = []
            for category in categories {
                guard let value = index[category] else {
                    throw NumericTableError(path: path, reason: .unknownClass(column: column.name, value: category, known: names))
                }
                mapped.append(value)
            }
            return (codes.map { mapped[Int($0)] }, names)
        case .boolean(let values):
            return (values.map { $0 == true ? 1 : 0 }, classNames)
        case .numeric(let values):
            return (values, classNames)
        case .missing:
            throw NumericTableError(path: path, reason: .unsupportedColumn(column.name, kind: column.kind.rawValue))
        }
    }
}

extension TableColumn {
    /// The cells as numbers for a model: numeric as they are, booleans as 1/0.
    /// - Throws: ``NumericTableError`` labelled with `path`: text in the column (its first text cell and line),
    ///   an all-missing column, or missing cells.
    public func numbers(path: String) throws(NumericTableError) -> [Float] {
        guard let values = floats, kind != .missing else {
            if let firstText {
                throw NumericTableError(path: path, reason: .textInColumn(line: firstText.line, column: name, value: firstText.text))
            }
            throw NumericTableError(path: path, reason: .unsupportedColumn(name, kind: kind.rawValue))
        }
        guard missingCount == 0 else { throw NumericTableError(path: path, reason: .missingCells(column: name, count: missingCount)) }
        return values
    }
}
