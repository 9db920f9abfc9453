import Foundation
import AprendizTensor

/// Training batches from a CSV file larger than memory: a `DataLoader` over a file, read through a
/// ``CSVTableStream`` chunk by chunk, so that memory holds one chunk and one batch, never the file.
///
/// ```swift
/// let batches = try CSVBatchStream(URL(fileURLWithPath: "vendas.csv"), target: "especie", batchSize: 64)
/// for epoch in 0..<10 {
///     try batches.forEachBatch { batch in … }        // inputs [64, features], targets [64], in file order
/// }
/// ```
/// - Every batch holds `batchSize` rows: the rows left at the end of one chunk start the next batch, which the
///   following chunk completes. The last batch of a pass holds the rest (none with `dropLast`).
/// - Rows come in file order. A shuffle over the whole file would need the whole file; shuffle the file once
///   beforehand (`shuf`, or `ORDER BY random()` when exporting) where the order matters.
/// - Features and targets are what ``Table/labeled(target:classNames:encodable:)`` gives for the whole file read at
///   once: the column types and a text target's classes come from the stream's first pass over the file
///   (``classNames``), so a class has the same index in every chunk. With `encodable`, categorical features give
///   their category codes and missing cells NaN, the input of a fitted ``TableEncoding``.
public final class CSVBatchStream {
    /// The chunks the batches are cut from (types, row count, the memory actually used).
    public let tables: CSVTableStream
    /// The target column's name.
    public let target: String
    /// Rows per batch (every batch but a pass's last one).
    public let batchSize: Int
    /// Whether a pass's last, shorter batch is left out.
    public let dropLast: Bool
    /// Whether categorical features and missing cells are passed on as codes and NaN (else they are errors).
    public let encodable: Bool
    /// The classes of a text target, sorted as ``Table/labeled(target:classNames:encodable:)`` sorts them; nil for
    /// a numeric target.
    public let classNames: [String]?
    /// The feature columns, in file order.
    public let featureNames: [String]

    /// Runs the stream's first pass over `url` (types and categories) and checks that `target` is a column.
    /// - Throws: ``NumericTableError`` naming the file: a malformed file, or a target that is not a column.
    public init(_ url: URL, target: String, batchSize: Int = 32, dropLast: Bool = false, encodable: Bool = false,
                options: CSVReadOptions = CSVReadOptions(), chunkBytes: Int = 8 << 20) throws(NumericTableError) {
        precondition(batchSize > 0, "CSVBatchStream: batchSize must be positive, got \(batchSize)")
        tables = try CSVTableStream(url, options: options, chunkBytes: chunkBytes)
        guard let targetColumn = tables.columns.first(where: { $0.name == target }) else {
            throw NumericTableError(path: url.path, reason: .missingColumn(target, available: tables.columns.map(\.name)))
        }
        self.target = target
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.encodable = encodable
        classNames = targetColumn.categories
        featureNames = tables.columns.map(\.name).filter { $0 != target }
    }

    /// The number of batches one pass gives.
    public var batchCount: Int {
        dropLast ? tables.rowCount / batchSize : (tables.rowCount + batchSize - 1) / batchSize
    }

    /// Calls `body` with every batch of one pass over the file, in file order.
    /// - Throws: ``NumericTableError`` for a chunk that does not read, no longer fits the first pass's types, or
    ///   holds a cell `labeled` rejects (text or missing feature cells without `encodable`, a missing target); or
    ///   whatever `body` throws.
    public func forEachBatch(_ body: (Batch) throws -> Void) throws {
        let width = featureNames.count
        // The rows not yet batched: the end of the previous chunk, then this chunk; `start` rows of them are done
        // (dropped once per chunk, not once per batch).
        var inputs: [Float] = [], targets: [Float] = [], start = 0
        func emit(rows: Int) throws {
            try body(Batch(inputs: Tensor(shape: [rows, width], scalars: Array(inputs[(start * width)..<((start + rows) * width)])),
                           targets: Tensor(shape: [rows], scalars: Array(targets[start..<(start + rows)]))))
            start += rows
        }
        try tables.forEachChunk { table in
            let labeled = try table.labeled(target: target, classNames: classNames, encodable: encodable)
            inputs.append(contentsOf: labeled.features.scalars)
            targets.append(contentsOf: labeled.targets.scalars)
            while targets.count - start >= batchSize { try emit(rows: batchSize) }
            inputs.removeFirst(start * width)
            targets.removeFirst(start)
            start = 0
        }
        if !targets.isEmpty && !dropLast { try emit(rows: targets.count) }
    }
}
