import Foundation

/// Where human-readable output goes: standard output normally, standard error under `--json` (so
/// standard output holds only the JSON object). `quiet` silences it (tests).
struct Console {
    var json = false
    var quiet = false

    /// The stream for messages and progress.
    var handle: FileHandle { json ? .standardError : .standardOutput }

    /// Whether that stream is a terminal (progress bars redraw in place only then).
    var isTerminal: Bool { isatty(json ? STDERR_FILENO : STDOUT_FILENO) == 1 }

    /// Writes `text` and a newline.
    func line(_ text: String) {
        guard !quiet else { return }
        write(text + "\n")
    }

    /// Writes `text` as is.
    func write(_ text: String) {
        guard !quiet else { return }
        handle.write(Data(text.utf8))
    }

    /// Prints the machine-readable result and its newline on standard output, in one write: with two,
    /// a reader of both streams (`mpirun` forwarding them into one file) could get a message line
    /// between the object and its newline (seen under ThreadSanitizer, README Reliability).
    func printJSON(_ data: Data) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

extension Console {
    /// Writes `warning: text` on standard error (never mixed into a JSON result or a CSV on standard output).
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
    }

    /// The warning for `count` (> 0) table cells whose category the model's training rows did not have.
    static func warnUnknownCategories(_ count: Int, in path: String) {
        guard count > 0 else { return }
        warn("\(count) cells of '\(path)' hold categories the model never saw; they are encoded as all zeros")
    }
}
