import Foundation
import FuzzSupport
import AprendizData
import AprendizTraining

/// libFuzzer entry point: reads the input as the model files of the older networks with their own metadata — a
/// recurrent language model (`train --dataset book-text --model lstm`: architecture JSON, character vocabulary,
/// sizes against the stored values, model built, parameters assigned) and an RBM (`rbm --save`: three tensors
/// whose shapes must agree) — from the parsed archive, as the commands do after reading the file. A vocabulary
/// read back encodes the text it decodes to (what `generate --prompt` does). Any thrown error is a correct
/// answer; a trap, a sanitizer report, a hang or > 2 GB is a bug.
func fuzzRecurrentModelFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    guard let archive = try? SafetensorsArchive(data: Data(buffer: input), path: "fuzz.safetensors") else { return 0 }
    if let vocabulary = (try? RecurrentLanguageModelFile.read(archive, path: "fuzz.safetensors"))?.vocabulary {
        _ = try? vocabulary.encode(vocabulary.decode(Array(0..<min(vocabulary.count, 64))))
    }
    _ = try? RBMFile.read(archive, path: "fuzz.safetensors")
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzRecurrentModelFile(_:_:)``.
@_cdecl("FuzzRecurrentModelFile_main")
func fuzzRecurrentModelFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzRecurrentModelFile(start, count) })
}
