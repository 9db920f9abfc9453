/// libFuzzer's driver, started from a SwiftPM executable.
///
/// SwiftPM renames an executable's entry point to `<Module>_main` and links `main` to it, so libFuzzer's own
/// `main` is never used; each target defines `<Module>_main` and calls ``runFuzzer(_:_:_:)``, which hands the
/// command line and the per-input function to `LLVMFuzzerRunDriver` (libFuzzer ≥ LLVM 11).
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzInput) -> CInt

/// Runs libFuzzer with the process's arguments (`-runs=`, `-max_total_time=`, corpus folders, …) on `input`.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ input: FuzzInput) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, input)
}

/// The input as a buffer (libFuzzer passes a null pointer for the empty input).
public func fuzzBytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: count == 0 ? nil : start, count: count)
}
