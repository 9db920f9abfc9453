/// The training values as the tree grower reads them, feature-major: either the float columns, or the byte
/// ranks of ``FeatureRanks`` and each feature's table of distinct values, x_if = table[f · 256 + rank_if] —
/// the same floats bit for bit, at 1 byte per value instead of 4.
struct FeatureColumns {
    let rowCount: Int, featureCount: Int
    /// Feature-major floats (row i of feature f at `f · rowCount + i`), when there are no ranks.
    let floats: UnsafePointer<Float>?
    /// Feature-major ranks (same layout) and the per-feature tables of 256 values, when there are.
    let ranks: UnsafePointer<UInt8>?, table: UnsafePointer<Float>?

    init(floats: UnsafeBufferPointer<Float>, rowCount: Int, featureCount: Int) {
        precondition(floats.count == rowCount * featureCount, "FeatureColumns: \(floats.count) values for \(rowCount) × \(featureCount)")
        (self.rowCount, self.featureCount, self.floats, ranks, table) = (rowCount, featureCount, floats.baseAddress, nil, nil)
    }

    init(ranks: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<Float>, rowCount: Int, featureCount: Int) {
        precondition(ranks.count == rowCount * featureCount && table.count == 256 * featureCount,
                     "FeatureColumns: \(ranks.count) ranks, \(table.count) table values for \(rowCount) × \(featureCount)")
        (self.rowCount, self.featureCount, floats, self.ranks, self.table) = (rowCount, featureCount, nil, ranks.baseAddress, table.baseAddress)
    }

    /// The ranks of `feature` (row i at index i), or nil without ranks.
    func ranks(of feature: Int) -> UnsafePointer<UInt8>? { ranks.map { $0 + feature * rowCount } }

    /// The values of `feature`.
    @inline(__always) func column(_ feature: Int) -> FeatureColumn {
        if let ranks { return FeatureColumn(floats: nil, ranks: ranks + feature * rowCount, table: table.unsafelyUnwrapped + feature * 256) }
        return FeatureColumn(floats: floats.unsafelyUnwrapped + feature * rowCount, ranks: nil, table: nil)
    }
}

/// One feature's values: `column[row]` reads the float, or the table entry of the row's rank.
struct FeatureColumn {
    let floats: UnsafePointer<Float>?, ranks: UnsafePointer<UInt8>?, table: UnsafePointer<Float>?

    @inline(__always) subscript(row: Int) -> Float {
        if let ranks { return table.unsafelyUnwrapped[Int(ranks[row])] }
        return floats.unsafelyUnwrapped[row]
    }
}
