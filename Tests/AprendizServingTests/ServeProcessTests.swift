import Aprendiz
import AprendizServing
import Foundation
import Testing

/// The `aprendiz-serve` executable as an operator runs it: it prints its port, answers, reloads on SIGHUP and exits
/// 0 on SIGTERM. Skipped when the executable is not built (`swift build` builds it; `swift test` does too).
@Suite struct ServeProcessTests {
    static let executable = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/aprendiz-serve")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path), "needs .build/debug/aprendiz-serve"))
    func sighupReloadsAndSigtermExitsCleanly() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--model", "iris=\(fixture.path)", "--port", "0", "--threads", "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Both streams are collected in the background, so a silent process fails the test at a deadline, not a hang.
        let stdout = Collected(), stderr = Collected()
        out.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            out.fileHandleForReading.readabilityHandler = nil
            err.fileHandleForReading.readabilityHandler = nil
        }
        func wait(for text: String, in stream: Collected) async throws -> String {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !stream.text.contains(text) { try await Task.sleep(for: .milliseconds(50)) }
            return stream.text
        }
        // "aprendiz-serve: iris on http://127.0.0.1:PORT"
        let text = try await wait(for: "\n", in: stdout)
        let port = try #require(text.split(separator: ":").last.flatMap { Int(String($0).trimmingCharacters(in: .whitespacesAndNewlines)) }, "\(text)")
        let client = LoopbackClient(port: port)
        #expect(try await client.get("/health").status == 200)

        kill(process.processIdentifier, SIGHUP)
        let log = try await wait(for: "reloaded 'iris'", in: stderr)
        #expect(log.contains("reloaded 'iris'"), "\(log)")
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["inputs": fixture.rows(0..<1)]), as: UTF8.self)
        #expect(try await client.post("/v1/models/iris/predict", body).status == 200)

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}

/// Bytes a pipe's handler appends from its own thread, read by the test.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data += chunk } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
