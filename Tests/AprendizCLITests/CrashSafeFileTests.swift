import Aprendiz
import Foundation
import Synchronization
import Testing
@testable import AprendizCLI

/// Saves that survive a full disk and a killed process: the previous file stays complete, and the next run
/// clears the temporary files and folders a killed run left.
@Suite(.serialized) struct CrashSafeFileTests {
    /// A process id that no longer runs: that of a child that has exited.
    static func exitedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func staleReportFoldersAreClearedLiveOnesKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        let dead = folder.appendingPathComponent(".report.partial-\(try Self.exitedProcessID())-ABC")
        let old = folder.appendingPathComponent(".report.partial-1F0C2D3E-4F50-6172-8394-A5B6C7D8E9F0")  // older naming, no pid
        let live = folder.appendingPathComponent(".report.partial-1-DEF")  // pid 1 always runs
        let other = folder.appendingPathComponent(".other.partial-\(try Self.exitedProcessID())-GHI")
        for url in [dead, old, live, other] { try manager.createDirectory(at: url, withIntermediateDirectories: true) }
        try ReportWriter.write(ReportPage(title: "t"), to: folder.appendingPathComponent("report"))
        #expect(!manager.fileExists(atPath: dead.path) && !manager.fileExists(atPath: old.path))
        #expect(manager.fileExists(atPath: live.path) && manager.fileExists(atPath: other.path))
        #expect(manager.fileExists(atPath: folder.appendingPathComponent("report/index.html").path))
    }

    /// Several writers of the same report folder at once (parallel tests, two runs in one folder): none fails,
    /// one complete report is left, and no temporary folder stays beside it.
    @Test func concurrentWritersOfOneReportFolderAllSucceed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report")
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            for round in 0..<4 {
                do {
                    var page = ReportPage(title: "writer \(index) round \(round)")
                    page.files["data.csv"] = Data("\(index),\(round)\n".utf8)
                    try ReportWriter.write(page, to: report)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: report.appendingPathComponent("index.html").path))
        #expect(manager.fileExists(atPath: report.appendingPathComponent("data.csv").path))
        #expect(try manager.contentsOfDirectory(atPath: folder.path) == ["report"])
    }

    @Test func staleModelTemporaryFilesAreCleared() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.safetensors")
        let stale = folder.appendingPathComponent(".m.safetensors.tmp-\(try Self.exitedProcessID())-ABC")
        try Data([1, 2, 3]).write(to: stale)
        try ModelFile.save(Dense(2, 1), to: model)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m.safetensors"])
    }

    /// `ulimit -f` (a file-size limit, as a full disk): the save fails with one `Error:` line and the previous
    /// model file is left byte for byte, with no temporary file beside it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)))
    func fullDiskKeepsThePreviousModel() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.safetensors")
        let train = ["train", "--dataset", "iris", "--epochs", "1", "--quiet", "--hidden", "64", "--save", model.path,
                     "--report", folder.appendingPathComponent("r").path]
        let first = try CommandLineRobustnessTests.run(train, in: folder)
        #expect(first.status == 0, "\(first.err)")
        let previous = try Data(contentsOf: model)
        #expect(previous.count > 4 * 1024)  // larger than the limit below

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // ulimit -f counts 1024-byte blocks in dash and bash: 4 KiB.
        process.arguments = ["-c", "ulimit -f 4; exec \"$0\" \"$@\"", ExecutableTests.executable.path] + train + ["--seed", "7"]
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus != 0, "\(message)")
        #expect(message.hasPrefix("Error: ") && message.split(separator: "\n").count == 1, "\(message)")
        #expect(message.contains(model.path) && message.contains("too large"), "\(message)")
        #expect(try Data(contentsOf: model) == previous)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasPrefix(".model.safetensors.tmp-") }, "\(names)")
    }

    /// The short version of `Tools/kill-test.sh`: SIGKILL at random moments of `train --save`, the model path
    /// always loads (`evaluate` succeeds) and a complete run clears the stale report folders.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)
                   && FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func killedSavesLeaveACompleteModel() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Tools/kill-test.sh").path, "6", ExecutableTests.executable.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("trials=6 ") && text.contains("failures=0"), "\(text)")
    }
}
