import Foundation
import Synchronization
import Testing
@testable import AprendizData

/// Atomic replacement: after a failed write the old file is intact and no temporary file remains.
@Suite struct AtomicFileWriterTests {
    struct ForcedFailure: Error {}

    static func entries(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func failureBeforeRenameKeepsOldFileAndRemovesTemporary() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("model.safetensors")
            try SafetensorsArchiveTests.sample.write(to: url)
            let before = try Data(contentsOf: url)
            let replacement = SafetensorsArchive(tensors: ["other": SafetensorsTensor(shape: [1], scalars: [5])])
            #expect {
                try replacement.write(to: url, beforeRename: { throw ForcedFailure() })
            } throws: { error in
                guard let error = error as? SafetensorsError, case .writeFailed = error.reason else { return false }
                return error.path == url.path
            }
            #expect(try Data(contentsOf: url) == before)
            #expect(try Self.entries(of: directory) == ["model.safetensors"])
        }
    }

    /// Two writers saving to the same path at the same time never interleave: each writes its own temporary file,
    /// so a reader running alongside always sees one writer's whole file, and no temporary file is left.
    @Test func concurrentSavesToOnePathNeverInterleave() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("model.bin")
            let contents = [[UInt8](repeating: 0xA1, count: 1 << 20), [UInt8](repeating: 0x5B, count: (1 << 20) + 3)]
            try AtomicFileWriter.write(contents[0], to: url)
            let torn = Mutex(0), reads = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 3) { worker in
                for _ in 0..<40 {
                    if worker < 2 {
                        try? AtomicFileWriter.write(contents[worker], to: url)
                    } else if let data = try? Data(contentsOf: url) {
                        reads.withLock { $0 += 1 }
                        if !contents.contains([UInt8](data)) { torn.withLock { $0 += 1 } }
                    }
                }
            }
            #expect(torn.withLock { $0 } == 0, "torn reads out of \(reads.withLock { $0 })")
            #expect(contents.contains([UInt8](try Data(contentsOf: url))))
            #expect(try Self.entries(of: directory) == ["model.bin"])
        }
    }

    @Test func renameOntoADirectoryFailsCleanly() throws {
        // Running as root defeats permission-based failures; renaming a file onto a non-empty directory fails
        // for everyone.
        try FormatTestSupport.withScratchDirectory { directory in
            let target = directory.appendingPathComponent("occupied")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
            try Data([1]).write(to: target.appendingPathComponent("keep"))
            #expect(throws: SafetensorsError.self) { try SafetensorsArchiveTests.sample.write(to: target) }
            #expect(try Self.entries(of: directory) == ["occupied"])
            #expect(try Data(contentsOf: target.appendingPathComponent("keep")) == Data([1]))
        }
    }

    @Test func missingDirectoryFails() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/model.safetensors")
        #expect {
            try SafetensorsArchiveTests.sample.write(to: url)
        } throws: { error in
            (error as? SafetensorsError)?.description.contains("could not be written") == true
        }
    }

    @Test func overwritesExistingFile() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("a.bin")
            try AtomicFileWriter.write([1, 2, 3], to: url)
            try AtomicFileWriter.write([4, 5], to: url)
            #expect(try Data(contentsOf: url) == Data([4, 5]))
            #expect(try Self.entries(of: directory) == ["a.bin"])
        }
    }
}
