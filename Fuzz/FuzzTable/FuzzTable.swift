import Foundation
import FuzzSupport
import AprendizTensor
@testable import AprendizData

/// libFuzzer entry point for the typed table reader ``Table/readCSV(text:path:options:)``: delimiter detection,
/// the number pass, type inference (numeric, yes/no, categorical, missing) and the text pass of the columns
/// that are not numeric.
///
/// The input's first byte picks the options, the rest is the CSV text:
/// - bit 0: decimal separator `.` or `,` (`--decimal ,`);
/// - bits 1–2: delimiter detected, `,`, `;` or tab (`,` becomes `;` when the decimal separator is `,`, since the
///   reader refuses the two being equal, a programming error rather than a file's);
/// - bit 3: the first header name read as categorical when it is one;
/// - bits 4–7: the chunk size of the parallel read, 1 + 4·n bytes, so short inputs split into many chunks.
///
/// The same text is read as one chunk and as the chunks of a two-thread read: the two must agree (both throw,
/// or equal tables), which checks the parallel reader's chunk boundaries (quotes, line ends, CRLF split across
/// chunks). The pool itself runs on one thread (`Parallel.threadCount = 1`; the chunks still split by
/// `options.threads`): handing each input to a worker thread made the target 4× slower on the loaded machine
/// (85 against 335 executions per second), and data races are ThreadSanitizer's part (`aprendiz-thread-check`).
/// A thrown ``NumericTableError`` is a correct answer; a trap, a disagreement, a sanitizer report, a hang or
/// > 2 GB is a bug.
func fuzzTable(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    guard let selector = input.first else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(rebasing: input.dropFirst()), as: UTF8.self)
    var options = CSVReadOptions(decimalSeparator: selector & 1 == 0 ? "." : ",")
    switch (selector >> 1) & 3 {
    case 1: options.delimiter = options.decimalSeparator == "," ? ";" : ","
    case 2: options.delimiter = ";"
    case 3: options.delimiter = "\t"
    default: options.delimiter = nil
    }
    if selector & 8 != 0, let firstName = text.split(separator: "\n", maxSplits: 1).first?
        .split(separator: options.delimiter ?? ",", maxSplits: 1).first {
        options.categorical = [String(firstName)]
    }
    options.threads = 1
    let serial = try? Table.readCSV(text: text, path: "fuzz.csv", options: options)
    options.threads = 2
    options.minimumChunkBytes = 1 + 4 * Int(selector >> 4)
    let parallel = try? Table.readCSV(text: text, path: "fuzz.csv", options: options)
    precondition(serial == parallel, "one thread and two threads disagree: \(String(describing: serial)) vs \(String(describing: parallel))")
    if let table = serial {
        for column in table.columns {
            precondition(column.count == table.rowCount, "column '\(column.name)' has \(column.count) cells, not \(table.rowCount)")
        }
    }
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzTable(_:_:)``.
@_cdecl("FuzzTable_main")
func fuzzTableMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Parallel.threadCount = 1
    return runFuzzer(argc, argv, { start, count in fuzzTable(start, count) })
}
