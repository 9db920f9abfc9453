import AprendizTensor

/// Applies a `--threads` option: sets `Parallel.threadCount` when given, after checking it is at least 1.
func applyThreadCount(_ threads: Int?) throws {
    if let threads {
        guard threads >= 1 else { throw CLIError("--threads must be at least 1, got \(threads)") }
        Parallel.threadCount = threads
    }
}
