import AprendizTestSupport
import Foundation

/// Helpers shared by the file-format tests: scratch directories, fixtures, external tools.
enum FormatTestSupport {
    /// A fresh empty directory under the system temporary directory; remove it with `removeScratch`.
    static func makeScratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("aprendiz-formats-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a scratch directory that is removed afterwards.
    static func withScratchDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// `Tests/AprendizDataTests/Fixtures/<name>`, found from this source file's path.
    static func fixtureURL(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// Runs an executable found on `PATH` (or an absolute path); returns its exit status and standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, output: Data) {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    /// Whether `gzip` runs here.
    static let hasGzip: Bool = (try? run("gzip", ["--version"]).status) == 0

    /// A Python interpreter that can `import safetensors.numpy, numpy`, or nil (tests that need it are skipped).
    ///
    /// Tried in order: `$APRENDIZ_PYTHON`, `python3` and `python` on `PATH` (``ReferencePython``).
    static let safetensorsPython: String? = ReferencePython.find(importing: "safetensors.numpy, numpy")
}
