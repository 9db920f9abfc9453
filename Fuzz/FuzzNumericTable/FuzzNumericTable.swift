import Foundation
import FuzzSupport
import AprendizData

/// libFuzzer entry point: parses the input as a CSV table through the public ``NumericTable`` API (so it
/// follows whatever reader sits behind it), then splits off its last column as a target. Any thrown
/// ``NumericTableError`` is a correct answer; a trap, a sanitizer report, a hang or > 2 GB is a bug.
func fuzzNumericTable(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    let text = String(decoding: input, as: UTF8.self)
    guard let table = try? NumericTable(csv: text, path: "fuzz.csv") else { return 0 }
    precondition(table.values.count == table.rowCount * table.columnCount, "values do not fill the rows")
    if let last = table.columnNames.last { _ = try? table.split(target: last) }
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzNumericTable(_:_:)``.
@_cdecl("FuzzNumericTable_main")
func fuzzNumericTableMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzNumericTable(start, count) })
}
