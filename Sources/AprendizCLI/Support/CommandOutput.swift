import ArgumentParser
import Foundation

/// Writes a command's text to a file, or to standard output when no file is given.
enum CommandOutput {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
