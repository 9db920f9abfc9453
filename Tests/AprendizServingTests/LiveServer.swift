import AprendizServing
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceLifecycle

/// A plain HTTP/1.1 client for a server on loopback (URLSession).
struct LoopbackClient: Sendable {
    let port: Int

    struct Response: Sendable {
        let status: Int
        let contentType: String?
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The decoded JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw ServingTestError("response is not a JSON object: \(text)")
            }
            return object
        }
    }

    func get(_ path: String) async throws -> Response { try await send("GET", path, body: nil) }

    func post(_ path: String, _ body: String) async throws -> Response { try await send("POST", path, body: Data(body.utf8)) }

    func send(_ method: String, _ path: String, body: Data?) async throws -> Response {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 180  // generous: the suite also runs on loaded, shared CI machines (correctness, not latency, is checked)
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ServingTestError("not an HTTP response") }
        return Response(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: data)
    }
}

/// Runs `server` on an ephemeral loopback port for the duration of `body`, then shuts it down gracefully
/// (what SIGTERM does) and waits until it has stopped.
func withLiveServer<T: Sendable>(_ server: ModelServer, _ body: @Sendable (LoopbackClient) async throws -> T) async throws -> T {
    let (ports, portSink) = AsyncStream<Int>.makeStream()
    let app = server.application { portSink.yield($0) }
    let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "aprendiz-serve-test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ServingTestError("the server did not start") }
        do {
            let value = try await body(LoopbackClient(port: port))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return value
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

struct ServingTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
