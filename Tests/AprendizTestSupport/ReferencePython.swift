import Foundation

/// The Python interpreter that reference tests run (the safetensors interoperability checks): found
/// from `$APRENDIZ_PYTHON`, then `python3` and `python` on `PATH` — never a path of one machine.
/// Tests that need it are skipped visibly with `.enabled(if: ReferencePython.find(...) != nil)`.
public enum ReferencePython {
    /// The first candidate that can `import` every module of `modules` (`"safetensors.numpy, numpy"`), or nil.
    public static func find(importing modules: String) -> String? {
        let candidates = [ProcessInfo.processInfo.environment["APRENDIZ_PYTHON"], "python3", "python"]
        return candidates.compactMap { $0 }.first { succeeds($0, ["-c", "import \(modules)"]) }
    }

    /// Whether `program arguments` (looked up on `PATH`) exits with status 0.
    private static func succeeds(_ program: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
