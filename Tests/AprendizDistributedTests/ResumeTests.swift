import Foundation
import Testing

/// `train --resume FILE` continues a run from the model file rank 0 wrote, on another number of ranks,
/// through the same global batches: 3 epochs on 2 ranks then 3 more on 3 ranks (or 1) end where 6
/// epochs in one process end, within 1e-5 relative (float32 sums in another order); 3 + 3 epochs in one
/// process are bit-identical to 6.
@Suite(.serialized, .enabled(if: MPIRun.available, "mpirun or .build/debug/aprendiz not found (install openmpi-bin; swift build)"))
struct ResumeTests {
    let arguments = ["--dataset", "digits", "--model", "mlp", "--hidden", "32", "--batch-size", "64", "--quiet"]

    func train(_ extra: [String], ranks: Int?, in folder: URL) throws -> (status: Int32, output: String) {
        let result = try MPIRun.run([MPIRun.executable.path, "train"] + arguments + extra + ["--report", "report"], ranks: ranks, in: folder)
        return (result.status, result.output)
    }

    @Test func resumesWithAnotherNumberOfRanks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func model(_ name: String) throws -> [String: [Float]] { try MPIRun.parameters(folder.appendingPathComponent(name)) }
        for (extra, ranks) in [(["--epochs", "6", "--save", "whole.safetensors"], nil),
                               (["--epochs", "3", "--save", "first-one.safetensors"], nil),
                               (["--epochs", "6", "--resume", "first-one.safetensors", "--save", "one-one.safetensors"], nil),
                               (["--epochs", "3", "--save", "first-two.safetensors"], 2),
                               (["--epochs", "6", "--resume", "first-two.safetensors", "--save", "two-three.safetensors"], 3),
                               (["--epochs", "6", "--resume", "first-two.safetensors", "--save", "two-one.safetensors"], nil)] as [([String], Int?)] {
            let result = try train(extra, ranks: ranks, in: folder)
            try #require(result.status == 0, "\(extra) on \(ranks ?? 0) ranks: \(result.output)")
        }
        let whole = try model("whole.safetensors")
        #expect(try model("one-one.safetensors") == whole, "3 + 3 epochs in one process differ from 6")
        for name in ["two-three.safetensors", "two-one.safetensors"] {
            let difference = MPIRun.largestRelativeDifference(try model(name), whole)
            #expect(difference <= 1e-5, "\(name): largest relative difference \(difference)")
        }
        // Not a no-op: the resumed epochs moved the parameters away from the checkpoint's.
        #expect(MPIRun.largestRelativeDifference(try model("first-two.safetensors"), whole) > 1e-3)
    }

    @Test func refusesAnotherGlobalBatchOrACompletedRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(try train(["--epochs", "1", "--save", "one.safetensors"], ranks: nil, in: folder).status == 0)
        let batch = try MPIRun.run([MPIRun.executable.path, "train", "--dataset", "digits", "--model", "mlp", "--hidden", "32",
                                    "--batch-size", "32", "--epochs", "2", "--resume", "one.safetensors"], ranks: nil, in: folder)
        #expect(batch.status != 0 && batch.output.contains("--resume one.safetensors: the run used --batch-size 64, this one 32"), "\(batch.output)")
        let done = try train(["--epochs", "1", "--resume", "one.safetensors"], ranks: nil, in: folder)
        #expect(done.status != 0 && done.output.contains("already completed 1 epochs"), "\(done.output)")
    }
}
