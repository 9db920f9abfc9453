// Only the C library here: Foundation re-exports it without `@preconcurrency`, and `stdout` is a C global
// that Swift 6 refuses to touch from a non-isolated function unless the import says it predates concurrency.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The process's standard output stream.
enum StandardOutput {
    /// Makes stdio's `stdout` line-buffered, whatever it is connected to. The commands write through both
    /// `print` (stdio's buffer) and `Console` (`FileHandle`, unbuffered); with stdio's default block buffering
    /// for files and pipes, a redirected training run showed its `print`ed progress only at exit, after the lines
    /// written directly. Called once at the start of `main`, before any other thread exists.
    static func useLineBuffering() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
