import AprendizServing
import Foundation
import Testing

/// A graceful shutdown (what SIGTERM triggers through `runService()`) answers the request in flight first.
@Suite struct GracefulShutdownTests {
    @Test func theRequestInFlightIsAnsweredBeforeTheServerStops() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        // A long batching delay keeps the request in flight while the shutdown starts.
        let server = try ModelServer(configuration: ServerConfiguration(
            port: 0, models: [.init(name: "iris", path: fixture.path)], maxBatch: 64, maxDelay: .milliseconds(500)))
        let started = ContinuousClock.now
        let pending = try await withLiveServer(server) { client in
            let request = Task { try await client.post("/v1/models/iris/predict", #"{"inputs": [[5.1, 3.5, 1.4, 0.2]]}"#) }
            try await Task.sleep(for: .milliseconds(150))
            return request  // withLiveServer now shuts the server down, with the request still in flight
        }
        let response = try await pending.value
        try #expect(response.status == 200 && (try response.json())["predictions"] as? [Int] == [0])
        #expect(ContinuousClock.now - started >= .milliseconds(500))
    }
}
