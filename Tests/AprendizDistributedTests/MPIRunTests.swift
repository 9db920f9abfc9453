import Aprendiz
import Foundation
import Testing

/// Runs the built `aprendiz` under `mpirun` (Open MPI, installed in CI from Debian's `openmpi-bin`).
enum MPIRun {
    /// `.build/debug/aprendiz` next to this package (built by `swift build` / `swift test`).
    static let executable = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/aprendiz")

    /// The collectives' check program, built next to it.
    static let check = executable.deletingLastPathComponent().appendingPathComponent("aprendiz-distributed-check")

    /// `mpirun` on the PATH, if any.
    static let mpirun: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static let available = mpirun != nil && FileManager.default.isExecutableFile(atPath: executable.path)

    /// Runs `command` (the executable first) under `mpirun -np ranks`, or directly when `ranks` is nil;
    /// kills it after `timeout` seconds. One kernel thread per process, so the runs are comparable.
    static func run(_ command: [String], ranks: Int?, in folder: URL, timeout: Double = 60)
        throws -> (status: Int32, output: String, seconds: Double) {
        let process = Process()
        if let ranks {
            process.executableURL = mpirun!
            process.arguments = ["--oversubscribe", "--allow-run-as-root", "--bind-to", "none", "-np", "\(ranks)"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        }
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["APRENDIZ_NUM_THREADS"] = "1"
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-mpi-\(UUID().uuidString).log")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let start = Date()
        try process.run()
        while process.isRunning, Date().timeIntervalSince(start) < timeout { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8), Date().timeIntervalSince(start))
    }

    /// ‖a − b‖∞ / ‖b‖∞ over the largest of the model's tensors' ratios.
    static func largestRelativeDifference(_ a: [String: [Float]], _ b: [String: [Float]]) -> Float {
        #expect(Set(a.keys) == Set(b.keys))
        return b.keys.map { name in
            let difference = zip(a[name]!, b[name]!).map { abs($0 - $1) }.max() ?? 0
            return difference / max(b[name]!.map(abs).max() ?? 0, .leastNormalMagnitude)
        }.max() ?? 0
    }

    /// The tensors of a model file, by name.
    static func parameters(_ url: URL) throws -> [String: [Float]] {
        try SafetensorsArchive(contentsOf: url).tensors.mapValues(\.scalars)
    }
}

/// `mpirun -np p aprendiz train … --batch-size 64` follows the one-process run with the same global
/// batch: within 1e-5 relative (float32 sums in another order), bit for bit with one rank.
@Suite(.serialized, .enabled(if: MPIRun.available, "mpirun or .build/debug/aprendiz not found (install openmpi-bin; swift build)"))
struct MPIRunTests {
    func compare(_ arguments: [String], ranks: [Int], identicalRanks: [Int] = []) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-mpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func train(_ ranks: Int?) throws -> [String: [Float]] {
            let name = "model-\(ranks ?? 0).safetensors"
            let result = try MPIRun.run([MPIRun.executable.path, "train"] + arguments + ["--save", name, "--report", "report-\(ranks ?? 0)"],
                                        ranks: ranks, in: folder)
            try #require(result.status == 0, "ranks \(ranks ?? 0): \(result.output)")
            return try MPIRun.parameters(folder.appendingPathComponent(name))
        }
        let reference = try train(nil)
        for count in identicalRanks { #expect(try train(count) == reference, "\(count) rank(s) differ from one process") }
        for count in ranks {
            let difference = MPIRun.largestRelativeDifference(try train(count), reference)
            #expect(difference <= 1e-5, "\(count) ranks: largest relative difference \(difference)")
        }
    }

    /// Digits (1 293 training examples after the 10 % validation split), global batch 64: 21 steps an epoch, 210 steps;
    /// 64 = 22 + 21 + 21 over 3 ranks, and each epoch's last batch (13 examples) splits unevenly too.
    @Test func mlpMatchesOneProcess() throws {
        try compare(["--dataset", "digits", "--model", "mlp", "--hidden", "32", "--epochs", "10", "--batch-size", "64", "--quiet"],
                    ranks: [2, 3], identicalRanks: [1])
    }

    /// LeNet-5 on 512 Fashion-MNIST images, global batch 32: 14 steps an epoch (the last of 12), 5 epochs.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "Fashion-MNIST is not installed"))
    func lenet5MatchesOneProcess() throws {
        try compare(["--dataset", "fashion-mnist", "--limit", "512", "--model", "lenet5", "--epochs", "5", "--batch-size", "32", "--quiet"],
                    ranks: [2])
    }

    /// Only rank 0 prints (progress, results, the `--json` object) and writes the model and the report.
    @Test func onlyRankZeroPrintsAndWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-mpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try MPIRun.run([MPIRun.executable.path, "train", "--dataset", "iris", "--epochs", "2", "--json",
                                     "--save", "iris.safetensors"], ranks: 2, in: folder)
        try #require(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("{") }.count == 1, "\(result.output)")
        #expect(lines.filter { $0.hasPrefix("test: ") }.count == 1, "\(result.output)")
        #expect(lines.filter { $0.hasPrefix("epoch 2/2") }.count == 1, "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("iris.safetensors").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("aprendiz-report/index.html").path))
    }

    /// A rank killed (SIGKILL) mid-training ends the whole run with an error naming it, instead of a hang.
    @Test func aKilledRankEndsTheRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-mpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Rank 1 kills itself 2 s into a run that would take minutes; `exec` keeps its process id.
        let script = """
            if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then (sleep 2; kill -9 $$) & fi
            exec "$0" train --dataset digits --epochs 1000 --batch-size 8 --quiet --report report
            """
        let result = try MPIRun.run(["/bin/sh", "-c", script, MPIRun.executable.path], ranks: 2, in: folder, timeout: 30)
        #expect(result.status != 0)
        #expect(result.seconds < 30, "the run was still going after 30 s")
        #expect(result.output.contains("rank 1") && result.output.contains("signal 9"), "\(result.output)")
    }
}

/// Each collective across real ranks (`aprendiz-distributed-check` under `mpirun -np 3`), against values worked by hand.
@Suite(.enabled(if: MPIRun.available && FileManager.default.isExecutableFile(atPath: MPIRun.check.path),
                "mpirun or .build/debug/aprendiz-distributed-check not found"))
struct CollectiveTests {
    @Test func collectivesOverThreeRanks() throws {
        let folder = FileManager.default.temporaryDirectory
        let result = try MPIRun.run([MPIRun.check.path], ranks: 3, in: folder, timeout: 60)
        try #require(result.status == 0, "\(result.output)")
        let ranks = result.output.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        try #require(ranks.count == 3, "\(result.output)")
        for values in ranks {
            #expect(values["size"] as? Int == 3)
            #expect((values["implementation"] as? String)?.hasPrefix("Open MPI") == true)
            // Ranks 0, 1, 2: Σ(r+1) = 6, Σ2(r+1) = 12; mean of 1, 2, 3 = 2; max of r = 2, of −r = 0.
            #expect(values["sum"] as? [Float] == [6, 12])
            #expect(values["mean"] as? [Float] == [2])
            #expect(values["max"] as? [Float] == [2, 0])
            #expect(values["broadcast"] as? [Float] == [2, 20])      // from root 2
            #expect(values["tensorSum"] as? [Float] == [3, 3, 6, 9])  // [[0+1+2, 3], [6, 9]]
            #expect(values["allGather"] as? [Float] == [0, 0, 1, 10, 2, 20])
            // Doubles: 0.25 + 1.25 + 2.25 = 3.75 and 3·2⁻¹⁰⁰⁰ (below Float’s range); bytes of lengths 0, 1, 2.
            #expect(values["doubleSum"] as? [Double] == [3.75, 0x1.8p-999])
            #expect(values["bytesGather"] as? [[Int]] == [[], [2], [3, 3]])
            let tensor = values["tensorGather"] as? [Any]
            #expect(tensor?.first as? [Int] == [3, 2] && tensor?.last as? [Float] == [0, 0.5, 1, 1.5, 2, 2.5])
            #expect(values["gatherMismatch"] as? String == "error: Distributed.allGather: the ranks pass different counts [1, 2, 2]")
            // Root 3 of 3 ranks: MPI's own error (MPI_ERR_ROOT), thrown with MPI_Error_string's text.
            let badRoot = values["badRoot"] as? String ?? ""
            #expect(badRoot.hasPrefix("error: MPI_Bcast failed (MPI error") && badRoot.lowercased().contains("root"), "\(badRoot)")
        }
    }
}
