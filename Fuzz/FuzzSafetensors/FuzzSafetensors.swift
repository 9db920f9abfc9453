import Foundation
import FuzzSupport
import AprendizData

/// libFuzzer entry point: parses the input as a safetensors file (header and tensors). Any thrown
/// ``SafetensorsError`` is a correct answer; a trap, a sanitizer report, a hang (> 1 s) or > 2 GB is a bug.
/// A parsed archive is serialised again and re-read, which must give the same archive.
func fuzzSafetensors(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    let data = Data(buffer: input)
    guard let archive = try? SafetensorsArchive(data: data, path: "fuzz.safetensors") else { return 0 }
    if let bytes = try? archive.serialized() {
        let again = try? SafetensorsArchive(data: Data(bytes), path: "again.safetensors")
        precondition(again?.tensors.keys.sorted() == archive.tensors.keys.sorted(), "round trip lost tensors")
    }
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzSafetensors(_:_:)``.
@_cdecl("FuzzSafetensors_main")
func fuzzSafetensorsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzSafetensors(start, count) })
}
