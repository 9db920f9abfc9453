import Foundation
import Testing

/// The built `aprendiz` executable, spawned: `--json` prints exactly one JSON object on standard
/// output, and a bad input exits non-zero with one `Error:` line on standard error.
@Suite(.serialized) struct ExecutableTests {
    /// `.build/debug/aprendiz` next to this package (built by `swift build` / `swift test`).
    static let executable: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/aprendiz")

    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        let result = try CommandLineRobustnessTests.run(arguments, in: folder)
        return (result.status, result.out, result.err)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func jsonOnStandardOutputAndOneLineErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, out, err) = try Self.run(["train", "--dataset", "iris", "--epochs", "2", "--json"], in: folder)
        #expect(status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect(object?["command"] as? String == "train")
        #expect((object?["epochs"] as? [Any])?.count == 2)
        #expect(((object?["test"] as? [String: Any])?["accuracy"]) != nil)
        #expect(err.contains("epoch 2/2"))  // progress went to standard error
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("aprendiz-report/index.html").path))

        let bad = try Self.run(["train", "--dataset", "no-such-set"], in: folder)
        #expect(bad.status != 0 && bad.out.isEmpty)
        #expect(bad.err.split(separator: "\n").count == 1 && bad.err.hasPrefix("Error: --dataset: unknown data set 'no-such-set'"))
    }
}

/// Ctrl-C during training: the run stops after the current batch, writes the report and a
/// checkpoint, and exits with status 130.
@Suite struct InterruptionTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func controlCWritesReportAndCheckpoint() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = ExecutableTests.executable
        process.arguments = ["train", "--dataset", "digits", "--epochs", "500", "--batch-size", "8"]
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("epoch 1/500") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        process.interrupt()  // SIGINT
        _ = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("aprendiz-report/metrics.json"))) as? [String: Any]
        #expect(summary?["interrupted"] as? Bool == true)
        #expect((summary?["epochs"] as? [Any])?.count ?? 0 < 500)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("aprendiz-report-checkpoint.safetensors").path))
    }
}

/// Standard output redirected to a pipe is line-buffered (`StandardOutput.useLineBuffering()`): a line a
/// command `print`s reaches the reader while the command is still running, not only at exit. With stdio's
/// default block buffering for pipes, the RBM's first line (printed before a training of 100 000 epochs)
/// would stay in the process's buffer and this test would time out.
@Suite struct LineBufferedOutputTests {
    /// Bytes appended from the pipe's reader thread.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ chunk: Data) { lock.lock(); data.append(chunk); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func printedLineReachesAPipeWhileTheCommandRuns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = ExecutableTests.executable
        process.arguments = ["rbm", "--dataset", "digits", "--epochs", "100000"]
        process.currentDirectoryURL = folder
        let out = Pipe(), received = Received()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { received.append($0.availableData) }
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }  // the RBM's loop does not stop on SIGTERM
            process.waitUntilExit()
            out.fileHandleForReading.readabilityHandler = nil
        }
        let deadline = Date().addingTimeInterval(60)
        while !received.text.contains("RBM 64 visible"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(received.text.contains("RBM 64 visible × 64 hidden"))
        #expect(process.isRunning)  // the line came while the 100 000 epochs were still running
    }
}
