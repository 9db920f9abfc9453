import Foundation

/// The body of `POST /v1/models/{name}/predict`: one row of numbers per example.
///
/// ```
/// {"inputs": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}
/// ```
///
/// Rows hold the model's features in the order of its training data (raw values: the server applies
/// the standardisation stored with the model); an image model takes its pixels flattened row-major.
public struct PredictionRequest: Decodable, Sendable {
    /// The rows.
    public var inputs: [[Double]]

    /// Decodes `body`, naming the first problem: malformed JSON, no `inputs`, a value that is not a
    /// number (`inputs[1][2]`), an empty list, or a non-finite number.
    /// - Throws: ``ServingError`` with status 400.
    public static func decode(_ body: some Sequence<UInt8>) throws -> PredictionRequest {
        let request: PredictionRequest
        do {
            request = try JSONDecoder().decode(PredictionRequest.self, from: Data(body))
        } catch let error as DecodingError {
            throw ServingError(.badRequest, describe(error))
        }
        guard !request.inputs.isEmpty else { throw ServingError(.badRequest, "inputs is empty: send at least one row") }
        for (i, row) in request.inputs.enumerated() {
            if let j = row.firstIndex(where: { !$0.isFinite || !Float($0).isFinite }) {
                throw ServingError(.badRequest, "inputs[\(i)][\(j)] is not a finite number")
            }
        }
        return request
    }

    /// One line naming the field, without the decoder's internals.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context) where context.codingPath.isEmpty:
            return "the body has no '\(key.stringValue)' field: send {\"inputs\": [[…], …]}"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = Self.path(context.codingPath)
            return path.isEmpty ? "the body must be a JSON object {\"inputs\": [[…], …]}"
                : path == "inputs" ? "inputs must be a list of rows (lists of numbers)"
                : path.filter({ $0 == "[" }).count == 1 ? "\(path) must be a list of numbers"
                : "\(path) is not a number"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\(Self.path(context.codingPath)) is not a valid number"
        default:
            return "the body is not valid JSON"
        }
    }

    /// `inputs[2][1]` from a coding path.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ($0.stringValue) }.joined()
    }
}
