import Foundation
import Testing
@testable import AprendizData

/// Batches streamed from a CSV file in small chunks: the same features, targets and classes as the file read whole,
/// cut into full batches across chunk boundaries.
@Suite struct CSVBatchStreamTests {
    /// 1 000 rows of two numeric features and a text target (three classes, not in sorted order in the file).
    static let text: String = {
        var lines = ["comprimento,largura,especie"]
        for i in 0..<1000 { lines.append("\(i % 97).5,\(Double(i % 13) / 4),\(["virginica", "setosa", "versicolor"][i % 3])") }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func batchesGiveTheRowsOfTheWholeFile() throws {
        try CSVTableStreamTests.withFile(Self.text) { url in
            let whole = try Table.readCSV(url).labeled(target: "especie")
            let stream = try CSVBatchStream(url, target: "especie", batchSize: 64, chunkBytes: 1024)
            #expect(stream.classNames == ["setosa", "versicolor", "virginica"])
            #expect(stream.classNames == whole.classNames)
            #expect(stream.featureNames == ["comprimento", "largura"])
            var sizes: [Int] = [], inputs: [Float] = [], targets: [Float] = []
            try stream.forEachBatch { batch in
                #expect(batch.inputs.shape == [batch.targets.shape[0], 2])
                sizes.append(batch.targets.shape[0])
                inputs += batch.inputs.scalars
                targets += batch.targets.scalars
            }
            // 1 000 = 15 × 64 + 40; a chunk of ~1 KB holds ~50 rows, so most batches span two or three chunks.
            #expect(sizes == Array(repeating: 64, count: 15) + [40])
            #expect(stream.batchCount == 16)
            #expect(inputs == whole.features.scalars)
            #expect(targets == whole.targets.scalars)
            #expect(stream.tables.largestChunkBytes <= 1024 + 64)
            #expect(stream.tables.largestChunkRows < 100)

            let dropping = try CSVBatchStream(url, target: "especie", batchSize: 64, dropLast: true, chunkBytes: 1024)
            var rows = 0
            try dropping.forEachBatch { rows += $0.targets.shape[0] }
            #expect(rows == 960 && dropping.batchCount == 15)
        }
    }

    @Test func aTargetThatIsNotAColumnIsNamed() throws {
        try CSVTableStreamTests.withFile(Self.text) { url in
            #expect(throws: NumericTableError(path: url.path, reason: .missingColumn(
                "species", available: ["comprimento", "largura", "especie"]))) {
                _ = try CSVBatchStream(url, target: "species")
            }
        }
    }
}
