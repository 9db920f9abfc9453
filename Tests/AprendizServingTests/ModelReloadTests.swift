import Aprendiz
import AprendizServing
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Reloading a served model (POST /v1/models/{name}/reload; SIGHUP calls the same `reloadAll`) and the file's
/// SHA-256 in `GET /v1/models`.
@Suite struct ModelReloadTests {
    /// `sha256sum FILE`'s digest (coreutils), the independent reference for the served hash.
    static func sha256sum(_ path: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    static let hasSHA256Sum = FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")

    @Test(.enabled(if: hasSHA256Sum, "needs sha256sum (coreutils)"))
    func reloadServesTheNewFileAndKeepsTheOldOneOnAFailure() async throws {
        let fixture = try IrisFixture(), other = try IrisFixture(classNames: ["a", "b", "c"])
        defer { fixture.remove(); other.remove() }
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [.init(name: "iris", path: fixture.path)]))
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["inputs": fixture.rows(0..<3)]), as: UTF8.self)
        try await withLiveServer(server) { client in
            func served() async throws -> [String: Any] {
                try #require(((try await client.get("/v1/models").json())["models"] as? [[String: Any]])?.first)
            }
            #expect(try await served()["sha256"] as? String == (try Self.sha256sum(fixture.path)))
            #expect((try await client.post("/v1/models/iris/predict", body).json())["labels"] as? [String] == ["0", "0", "0"])

            // A new file of the same shape: served from the next request on, with its hash.
            try FileManager.default.removeItem(atPath: fixture.path)
            try FileManager.default.copyItem(atPath: other.path, toPath: fixture.path)
            let reloaded = try await client.post("/v1/models/iris/reload", "")
            #expect(reloaded.status == 200)
            #expect(try await served()["sha256"] as? String == (try Self.sha256sum(other.path)))
            #expect((try await client.post("/v1/models/iris/predict", body).json())["labels"] as? [String] == ["a", "a", "a"])

            // A file that does not load: 422, the previous model keeps answering, nothing about paths leaks.
            try Data("not a model".utf8).write(to: URL(fileURLWithPath: fixture.path))
            let broken = try await client.post("/v1/models/iris/reload", "")
            #expect(broken.status == 422 && broken.text.contains("previous model keeps serving") && !broken.text.contains(fixture.folder.path))
            #expect((try await client.post("/v1/models/iris/predict", body).json())["labels"] as? [String] == ["a", "a", "a"])
            #expect(server.reloadAll().allSatisfy { $0.contains("failed") })
            #expect(try await client.post("/v1/models/nope/reload", "").status == 404)
            #expect(try await client.get("/metrics").text.contains("aprendiz_model_reloads_total 1"))
        }
    }

    /// Reloads while eight clients send requests: every request is answered 200, before or after the swap.
    @Test func reloadUnderLoadDropsNoRequest() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [.init(name: "iris", path: fixture.path)]))
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["inputs": fixture.rows(0..<2)]), as: UTF8.self)
        let statuses = try await withLiveServer(server) { client in
            try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<8 {
                    group.addTask { var s: [Int] = []; for _ in 0..<25 { s.append(try await client.post("/v1/models/iris/predict", body).status) }; return s }
                }
                group.addTask { var s: [Int] = []; for _ in 0..<5 { s.append(try await client.post("/v1/models/iris/reload", "").status) }; return s }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
        }
        #expect(statuses.count == 8 * 25 + 5 && statuses.allSatisfy { $0 == 200 })
    }

    @Test func aModelOfAnotherShapeIsRefused() throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [.init(name: "iris", path: fixture.path)]))
        var generator = RandomGenerator(seed: 1)
        let wide = ModelMetadata(dataset: "x", model: "mlp", task: .classification, classCount: 3, inputShape: [5],
                                 featureNames: ["a", "b", "c", "d", "e"], mean: nil, standardDeviation: nil, seed: 1)
        try ModelFile.save(Sequential([Dense(5, 3, using: &generator)]), to: URL(fileURLWithPath: fixture.path), metadata: try wide.entry())
        #expect(throws: ServingError.self) { try server.reload("iris") }
        do { try server.reload("iris") } catch {
            #expect(error.message.contains("expects shape [5]") && error.message.contains("restart the server"), "\(error.message)")
        }
        #expect(server.batchers["iris"]?.model.metadata.inputShape == [4])
    }
}

/// A client that sends half a request and then nothing is disconnected after `--idle-timeout-s`.
@Suite struct IdleTimeoutTests {
    @Test func aStalledClientIsDisconnected() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [.init(name: "iris", path: fixture.path)],
                                                                        idleTimeout: .milliseconds(500)))
        try await withLiveServer(server) { client in
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(client.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            let partial = "POST /v1/models/iris/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"inp"
            _ = partial.withCString { send(socket, $0, strlen($0), 0) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)  // recv gives up after 10 s if the server never closes
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let start = Date()
            var buffer = [UInt8](repeating: 0, count: 4096)
            var received = 1
            while received > 0 { received = recv(socket, &buffer, buffer.count, 0) }
            let waited = Date().timeIntervalSince(start)
            #expect(received == 0, "the server did not close the connection (recv \(received), errno \(errno))")
            #expect(waited < 5, "closed after \(waited) s")
        }
    }
}
