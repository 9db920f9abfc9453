import Foundation
import Testing

/// Distributed classic ML (`aprendiz-distributed-check kmeans|forest|grid` under `mpirun -np 2` and
/// `-np 3`) gives every rank exactly what one process gives for the same seed: the same k-means centres,
/// labels and inertia, the same forest's predictions, the same grid-search table — compared bit for bit
/// (floats as bit patterns). Exact equality is what the design promises: every partial sum is made on
/// one rank only and added in one process's order (k-means), each tree is grown with one process's seed
/// for that tree (forests), each fold's score is computed whole on one rank (grid search); the exchanges
/// add zeros, which is exact. The reference is the same program run as one process without MPI.
@Suite(.serialized, .enabled(if: MPIRun.available && FileManager.default.isExecutableFile(atPath: MPIRun.check.path),
                             "mpirun or .build/debug/aprendiz-distributed-check not found (install openmpi-bin; swift build)"))
struct ClassicAcrossRanksTests {
    /// Each rank's JSON object from `check` run under `mpirun -np ranks` (one process when nil), without the rank fields.
    func outputs(_ check: String, ranks: Int?) throws -> [NSDictionary] {
        let result = try MPIRun.run([MPIRun.check.path, check], ranks: ranks, in: FileManager.default.temporaryDirectory, timeout: 300)
        try #require(result.status == 0, "\(check) over \(ranks ?? 0) ranks: \(result.output)")
        let objects = result.output.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        try #require(objects.count == (ranks ?? 1), "\(result.output)")
        #expect(Set(objects.compactMap { $0["rank"] as? Int }) == Set(0..<(ranks ?? 1)))
        return objects.map { object in
            NSDictionary(dictionary: object.filter { !["rank", "size", "implementation"].contains($0.key) })
        }
    }

    func expectSameAsOneProcess(_ check: String) throws -> NSDictionary {
        let reference = try outputs(check, ranks: nil)[0]
        for ranks in [2, 3] {
            for (rank, output) in try outputs(check, ranks: ranks).enumerated() {
                #expect(output == reference, "\(check): a rank of \(ranks) (line \(rank)) differs from one process")
            }
        }
        return reference
    }

    @Test func kMeansMatchesOneProcess() throws {
        let reference = try expectSameAsOneProcess("kmeans")
        // A real clustering: several Lloyd iterations, all 7 clusters used.
        #expect((reference["iterations"] as? Int ?? 0) > 1)
        #expect(reference["clusters"] as? Int == 7)
    }

    @Test func randomForestMatchesOneProcess() throws {
        let reference = try expectSameAsOneProcess("forest")
        #expect((reference["trees"] as? [Int])?.count == 10 && (reference["regressionTrees"] as? [Int])?.count == 7)
        #expect((reference["trees"] as? [Int] ?? []).allSatisfy { $0 > 1 })
    }

    @Test func gridSearchMatchesOneProcess() throws {
        let reference = try expectSameAsOneProcess("grid")
        #expect((reference["scores"] as? [[Int]])?.map(\.count) == [5, 5, 5, 5, 5])
        #expect((reference["folds"] as? [Int])?.count == 4)
    }
}
