/// The bytes a row-major array of `shape` occupies: product(shape) × `elementSize`, or nil when a dimension is
/// negative or the product overflows `Int` — the check every file reader makes before trusting sizes from a header.
func shapeByteCount(_ shape: [Int], elementSize: Int) -> Int? {
    var total = elementSize
    for dimension in shape {
        guard dimension >= 0 else { return nil }
        let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
        guard !overflow else { return nil }
        total = product
    }
    return total
}
