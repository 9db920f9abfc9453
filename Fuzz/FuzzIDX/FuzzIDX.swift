import Foundation
import FuzzSupport
import AprendizData

/// libFuzzer entry point: parses the input as an IDX file, raw or gzip-compressed (the reader sniffs the
/// gzip magic `1f 8b`). Any thrown ``IDXError`` is a correct answer; a trap, a sanitizer report, a hang or
/// > 2 GB is a bug. A parsed file is serialised again and re-read, which must give the same file.
func fuzzIDX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    let data = Data(buffer: input)
    guard let file = try? IDXFile(data: data, path: "fuzz.idx") else { return 0 }
    let again = try? IDXFile(data: Data(file.serialized()), path: "again.idx")
    precondition(again?.shape == file.shape, "round trip changed the shape")
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzIDX(_:_:)``.
@_cdecl("FuzzIDX_main")
func fuzzIDXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzIDX(start, count) })
}
