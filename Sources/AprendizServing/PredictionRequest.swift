import Foundation

/// The body of `POST /v1/models/{name}/predict`: the rows to predict, as lists in the model's column order
/// (`inputs`) or as objects keyed by column name (`rows`).
///
/// ```
/// {"inputs": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}
/// {"inputs": [[31, "Lisboa", null]]}                         (a table model: its source columns, in order)
/// {"rows": [{"idade": 31, "cidade": "Lisboa", "renda": null}]}
/// ```
///
/// Rows hold raw values, as in the training table: the server applies the preprocessing stored with the model
/// (the table's one-hot encoding and imputation, then the standardisation). An image model takes its pixels
/// flattened row-major. `null` is a missing cell.
public struct PredictionRequest: Sendable {
    /// One cell of a row: a number, a text (a category), or missing (`null`).
    public enum Value: Sendable, Equatable, Decodable {
        case number(Double)
        case text(String)
        case missing

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .missing; return }
            if let number = try? container.decode(Double.self) { self = .number(number); return }
            if let text = try? container.decode(String.self) { self = .text(text); return }
            throw DecodingError.typeMismatch(Value.self, .init(codingPath: decoder.codingPath, debugDescription: "not a number, text or null"))
        }
    }

    /// The rows as the client sent them.
    public enum Rows: Sendable, Equatable {
        /// `inputs` with only numbers (the common case, decoded without building cells).
        case numbers([[Double]])
        /// `inputs` with text or `null` cells.
        case values([[Value]])
        /// `rows`: one object per row, keyed by column name.
        case named([[String: Value]])

        /// The number of rows.
        public var count: Int {
            switch self {
            case .numbers(let rows): rows.count
            case .values(let rows): rows.count
            case .named(let rows): rows.count
            }
        }
    }

    public var rows: Rows

    public init(rows: Rows) { self.rows = rows }

    /// Decodes `body`, naming the first problem: malformed JSON, neither `inputs` nor `rows`, a cell that is not a
    /// number, text or null (`inputs[1][2]`), an empty list, or a non-finite number.
    /// - Throws: ``ServingError`` with status 400.
    public static func decode(_ body: some Collection<UInt8>) throws(ServingError) -> PredictionRequest {
        let rows: Rows
        if let numbers = NumericRowsParser.parse(body) {
            rows = .numbers(numbers)
        } else {
            let decoded: Body
            do {
                decoded = try JSONDecoder().decode(Body.self, from: Data(body))
            } catch let error as DecodingError {
                throw ServingError(.badRequest, describe(error))
            } catch {
                throw ServingError(.badRequest, "the body is not valid JSON")
            }
            switch (decoded.inputs, decoded.rows) {
            case (_?, _?): throw ServingError(.badRequest, "the body has both 'inputs' and 'rows': send one of them")
            case (nil, nil):
                throw ServingError(.badRequest, "the body has no 'inputs' field (or 'rows'): send {\"inputs\": [[…], …]}")
            case (let inputs?, nil):
                let numbers = inputs.map { row in row.compactMap { cell -> Double? in if case .number(let x) = cell { return x }; return nil } }
                rows = zip(numbers, inputs).allSatisfy({ $0.count == $1.count }) ? .numbers(numbers) : .values(inputs)
            case (nil, let named?):
                rows = .named(named)
            }
        }
        guard rows.count > 0 else {
            throw ServingError(.badRequest, "\(rows.isNamed ? "rows" : "inputs") is empty: send at least one row")
        }
        try checkFinite(rows)
        return PredictionRequest(rows: rows)
    }

    /// The JSON body: `inputs` or `rows`.
    private struct Body: Decodable {
        var inputs: [[Value]]?
        var rows: [[String: Value]]?
    }

    /// Every number must be finite as a `Float` (what the model computes in).
    private static func checkFinite(_ rows: Rows) throws(ServingError) {
        func finite(_ x: Double) -> Bool { x.isFinite && Float(x).isFinite }
        switch rows {
        case .numbers(let rows):
            for (i, row) in rows.enumerated() {
                if let j = row.firstIndex(where: { !finite($0) }) { throw ServingError(.badRequest, "inputs[\(i)][\(j)] is not a finite number") }
            }
        case .values(let rows):
            for (i, row) in rows.enumerated() {
                if let j = row.firstIndex(where: { if case .number(let x) = $0 { !finite(x) } else { false } }) {
                    throw ServingError(.badRequest, "inputs[\(i)][\(j)] is not a finite number")
                }
            }
        case .named(let rows):
            for (i, row) in rows.enumerated() {
                for key in row.keys.sorted() {
                    if case .number(let x) = row[key], !finite(x) { throw ServingError(.badRequest, "rows[\(i)].\(key) is not a finite number") }
                }
            }
        }
    }

    /// One line naming the field, without the decoder's internals.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = Self.path(context.codingPath)
            let depth = path.filter({ $0 == "[" }).count
            if path.isEmpty { return "the body must be a JSON object {\"inputs\": [[…], …]}" }
            if path.hasPrefix("rows") {
                return path == "rows" ? "rows must be a list of objects keyed by column name"
                    : path.hasSuffix("]") ? "\(path) must be an object keyed by column name"
                    : "\(path) is not a number, text or null"
            }
            return path == "inputs" ? "inputs must be a list of rows (lists of numbers)"
                : depth == 1 ? "\(path) must be a list of numbers"
                : "\(path) is not a number, text or null"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\(Self.path(context.codingPath)) is not a valid number"
        default:
            return "the body is not valid JSON"
        }
    }

    /// `inputs[2][1]` or `rows[0].cidade` from a coding path.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for (i, key) in codingPath.enumerated() {
            if let index = key.intValue { text += "[\(index)]" } else { text += (i == 0 ? "" : ".") + key.stringValue }
        }
        return text
    }
}

extension PredictionRequest.Rows {
    /// Whether the rows came as `rows` objects.
    var isNamed: Bool { if case .named = self { true } else { false } }
}
