import Foundation
import FuzzSupport
import AprendizTraining

/// The file each input is written to: `ModelFile.load` reads paths, as the CLI does.
nonisolated(unsafe) private var scratchPath: String = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return directory + "/aprendiz-fuzz-model-\(getpid()).safetensors"
}()

/// libFuzzer entry point: loads the input as a model file (safetensors with the architecture JSON in its
/// metadata): parses the archive, builds the described architecture and assigns the parameters. Any thrown
/// error is a correct answer; a trap, a sanitizer report, a hang or > 2 GB is a bug.
func fuzzModelFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    let url = URL(fileURLWithPath: scratchPath)
    guard (try? Data(buffer: input).write(to: url)) != nil else { return 0 }
    _ = try? ModelFile.load(from: url)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzModelFile(_:_:)``.
@_cdecl("FuzzModelFile_main")
func fuzzModelFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzModelFile(start, count) })
}
