import Foundation
import Testing

/// Data-parallel training whose bucket all-reduces overlap the backward pass (`MPI_Iallreduce` started from
/// the autodiff engine's gradient-ready hook), across real ranks (`aprendiz-distributed-check dataparallel`
/// under `mpirun -np 2` and `-np 3`): 4 buckets a step, every one started before the backward pass ended,
/// the same parameters on every rank, and those of one process within 1e-5 relative (float32 sums in another
/// order), as are those of the same ranks all-reducing after the backward pass.
@Suite(.serialized, .enabled(if: MPIRun.available && FileManager.default.isExecutableFile(atPath: MPIRun.check.path),
                             "mpirun or .build/debug/aprendiz-distributed-check not found (install openmpi-bin; swift build)"))
struct OverlappedAllReduceTests {
    func outputs(ranks: Int?) throws -> [[String: Any]] {
        let result = try MPIRun.run([MPIRun.check.path, "dataparallel"], ranks: ranks, in: FileManager.default.temporaryDirectory, timeout: 300)
        try #require(result.status == 0, "dataparallel over \(ranks ?? 0) ranks: \(result.output)")
        let objects = result.output.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        try #require(objects.count == (ranks ?? 1), "\(result.output)")
        return objects
    }

    @Test func overlappedBucketsMatchOneProcess() throws {
        // One process: overlapped, after backward and the in-process reference are the same arithmetic, bit for bit.
        let alone = try outputs(ranks: nil)[0]
        #expect(alone["parameterCount"] as? Int == 421)
        #expect(alone["overlappedDifference"] as? Double == 0 && alone["sequentialDifference"] as? Double == 0)
        // 300 rows in global batches of 32: 10 steps an epoch, 3 epochs, 4 buckets a step.
        #expect(alone["allReduces"] as? Int == 120 && alone["startedDuringBackward"] as? Int == 120)
        for ranks in [2, 3] {
            let results = try outputs(ranks: ranks)
            #expect(Set(results.compactMap { $0["parameters"] as? String }).count == 1, "\(ranks) ranks hold different parameters")
            for output in results {
                #expect(output["parameterCount"] as? Int == 421)
                #expect(output["allReduces"] as? Int == 120, "\(ranks) ranks")
                #expect(output["startedDuringBackward"] as? Int == 120, "\(ranks) ranks: buckets started after the backward pass")
                #expect(output["sequentialStartedDuringBackward"] as? Int == 0)
                let overlapped = output["overlappedDifference"] as? Double ?? .infinity
                let sequential = output["sequentialDifference"] as? Double ?? .infinity
                #expect(overlapped <= 1e-5, "\(ranks) ranks, overlapped: largest relative difference \(overlapped)")
                #expect(sequential <= 1e-5, "\(ranks) ranks, after backward: largest relative difference \(sequential)")
            }
        }
    }
}
