import Aprendiz

extension ServedModel {
    /// The columns a request's rows hold, in order: a table model's source columns (`TableEncoding.columns`,
    /// before one-hot encoding), else the model's feature names (empty for images: they take `inputs` only).
    public var columnNames: [String] { metadata.encoding?.columns.map(\.name) ?? metadata.featureNames }

    /// The request's rows as the model's `[rows, features]` input, before standardisation.
    ///
    /// - Numbers in the model's input order (`inputs`, ``featureCount`` values a row) go in as they are.
    /// - A table model (one trained with text or missing cells, `ModelMetadata.encoding`) also takes its source
    ///   columns — `inputs` rows of ``columnNames``' length with numbers, texts and `null`, or `rows` objects
    ///   keyed by column name — and applies the recorded `TableEncoding` as `aprendiz predict` does: categories
    ///   one-hot (an unseen category encodes as all zeros), `null` filled with the training statistic.
    /// - `rows` objects of a numeric model are read by its feature names.
    ///
    /// - Throws: ``ServingError``: 400 for a missing column, text in a numeric column, `null` where training had
    ///   nothing to fill it with; 422 for a row of the wrong length.
    public func features(_ rows: PredictionRequest.Rows) throws(ServingError) -> Tensor {
        let columns = columnNames
        switch rows {
        case .numbers(let numbers):
            if let encoding = metadata.encoding, columns.count != featureCount, numbers.allSatisfy({ $0.count == columns.count }) {
                return try encode(numbers.map { $0.map(PredictionRequest.Value.number) }, encoding, cell: { "inputs[\($0)][\($1)]" })
            }
            return try tensor(numbers)
        case .values(let values):
            guard let encoding = metadata.encoding else {
                return try tensor(try Self.numbers(values) { "inputs[\($0)][\($1)] is not a number (model '\(name)' reads numbers only)" })
            }
            if let i = values.firstIndex(where: { $0.count != columns.count }) {
                throw ServingError(.unprocessableContent,
                                   "inputs[\(i)] has \(values[i].count) values; model '\(name)' expects its \(columns.count) columns "
                                   + "\(columns.joined(separator: ", ")) (or \(featureCount) encoded numbers)")
            }
            return try encode(values, encoding, cell: { "inputs[\($0)][\($1)]" })
        case .named(let named):
            guard !columns.isEmpty else {
                throw ServingError(.unprocessableContent, "model '\(name)' has no column names (an image model): send {\"inputs\": [[…], …]}")
            }
            var values: [[PredictionRequest.Value]] = []
            values.reserveCapacity(named.count)
            for (i, row) in named.enumerated() {
                var cells: [PredictionRequest.Value] = []
                for column in columns {
                    guard let value = row[column] else {
                        throw ServingError(.badRequest, "rows[\(i)] has no column '\(column)' (model '\(name)' reads \(columns.joined(separator: ", ")))")
                    }
                    cells.append(value)
                }
                values.append(cells)
            }
            guard let encoding = metadata.encoding else {
                return try tensor(try Self.numbers(values) { "rows[\($0)].\(columns[$1]) is not a number" })
            }
            return try encode(values, encoding, cell: { "rows[\($0)].\(columns[$1])" })
        }
    }

    /// The rows' numbers; `message(i, j)` names the first cell that is not one (400).
    private static func numbers(_ rows: [[PredictionRequest.Value]], message: (Int, Int) -> String) throws(ServingError) -> [[Double]] {
        var numbers: [[Double]] = []
        numbers.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            var values: [Double] = []
            values.reserveCapacity(row.count)
            for (j, cell) in row.enumerated() {
                guard case .number(let x) = cell else { throw ServingError(.badRequest, message(i, j)) }
                values.append(x)
            }
            numbers.append(values)
        }
        return numbers
    }

    /// Rows of source-column cells through `encoding`; `cell(i, j)` names a cell in messages.
    private func encode(_ rows: [[PredictionRequest.Value]], _ encoding: TableEncoding,
                        cell: (Int, Int) -> String) throws(ServingError) -> Tensor {
        let p = encoding.columns.count, n = rows.count
        var values = [Float](repeating: .nan, count: n * p)
        var categories: [[String]?] = []
        for (j, column) in encoding.columns.enumerated() {
            if column.categories == nil {
                for i in 0..<n {
                    switch rows[i][j] {
                    case .number(let x): values[i * p + j] = Float(x)
                    case .missing where column.fill == nil:
                        throw ServingError(.badRequest, "\(cell(i, j)) is missing and model '\(name)' has no fill value for '\(column.name)' "
                                           + "(it was trained without missing cells there)")
                    case .missing: break
                    case .text(let text):
                        throw ServingError(.badRequest, "\(cell(i, j)) is text ('\(text.prefix(40))'); column '\(column.name)' holds numbers")
                    }
                }
                categories.append(nil)
            } else {
                // Category codes index this request's own texts; the encoding maps them to the training categories.
                var texts: [String] = [], codes: [String: Int] = [:]
                for i in 0..<n {
                    let text: String
                    switch rows[i][j] {
                    case .text(let value): text = value
                    case .number(let x): text = x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x)
                    case .missing where column.fill == nil:
                        throw ServingError(.badRequest, "\(cell(i, j)) is missing and model '\(name)' has no fill value for '\(column.name)' "
                                           + "(it was trained without missing cells there)")
                    case .missing: continue
                    }
                    let code = codes[text] ?? texts.count
                    if code == texts.count { texts.append(text); codes[text] = code }
                    values[i * p + j] = Float(code)
                }
                categories.append(texts)
            }
        }
        let source = TableEncoding.Source(values: Tensor(shape: [n, p], scalars: values), names: encoding.columns.map(\.name),
                                          categories: categories, path: "the request")
        do {
            return try encoding.encode(source).features
        } catch {
            throw ServingError(.badRequest, "\(error)")
        }
    }
}
