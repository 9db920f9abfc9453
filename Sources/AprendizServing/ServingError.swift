import Foundation
import Hummingbird

/// A request the server refuses, answered with `status` and a one-line JSON body naming the problem:
///
/// ```
/// HTTP/1.1 422 Unprocessable Content
/// {"error":"inputs[0] has 3 values; model 'iris' expects 4 (shape [4])"}
/// ```
///
/// The message says what is wrong with the request only: never a file path, a stack or an internal type.
public struct ServingError: Error, Equatable, HTTPResponseError {
    /// The HTTP status (4xx for the client's mistakes).
    public let status: HTTPResponse.Status
    /// The one-line message.
    public let message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// No model of that name is loaded (404).
    public static func unknownModel(_ name: String, known: [String]) -> ServingError {
        ServingError(.notFound, "no model named '\(name)'; loaded: \(known.joined(separator: ", "))")
    }

    /// `{"error": message}`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.jsonResponse(status: status, message: message)
    }

    /// A JSON error response `{"error": message}` (newlines in `message` become spaces).
    static func jsonResponse(status: HTTPResponse.Status, message: String) -> Response {
        let line = message.replacingOccurrences(of: "\n", with: " ")
        let body = (try? JSONEncoder().encode(["error": line])) ?? Data(#"{"error":"error"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body + [0x0A])))
    }
}
