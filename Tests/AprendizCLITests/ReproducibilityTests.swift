import Foundation
import Testing

/// Same seed, same thread count ⇒ the same bits: two `train --save` runs of the MLP and of the CNN write
/// byte-identical model files (parameters and optimizer state), with 1 thread and with 2.
@Suite(.serialized) struct ReproducibilityTests {
    func trainTwice(_ arguments: [String], threads: Int) throws -> (Data, Data) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        for run in 0..<2 {
            let model = folder.appendingPathComponent("model-\(run).safetensors")
            let process = Process()
            process.executableURL = ExecutableTests.executable
            process.arguments = arguments + ["--quiet", "--save", model.path, "--report", folder.appendingPathComponent("r\(run)").path]
            process.environment = ProcessInfo.processInfo.environment.merging(["APRENDIZ_NUM_THREADS": "\(threads)"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(arguments)")
            files.append(try Data(contentsOf: model))
        }
        return (files[0], files[1])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.executable.path)),
          arguments: [1, 2])
    func sameSeedSameBits(threads: Int) throws {
        let mlp = try trainTwice(["train", "--dataset", "digits", "--epochs", "2", "--hidden", "64,32", "--seed", "5"],
                                 threads: threads)
        #expect(mlp.0 == mlp.1 && !mlp.0.isEmpty)
        let cnn = try trainTwice(["train", "--dataset", "digits", "--model", "convnet", "--epochs", "1", "--limit", "300",
                                  "--seed", "5"], threads: threads)
        #expect(cnn.0 == cnn.1 && !cnn.0.isEmpty)
    }
}
