import Dispatch
import Foundation

/// Ctrl-C handling: the first SIGINT sets a flag that the training loop checks after every batch
/// (through ``ProgressBar``), so the run stops cleanly, writes its report and checkpoint, and exits
/// with status 130. A second Ctrl-C ends the process at once.
final class Interruption: @unchecked Sendable {
    /// The process-wide flag.
    static let shared = Interruption()

    private let lock = NSLock()
    private var requested = false
    private var source: DispatchSourceSignal?

    /// Whether Ctrl-C was pressed since ``install()``.
    var isRequested: Bool { lock.withLock { requested } }

    /// Replaces the default SIGINT action (terminate) with setting the flag.
    func install() {
        lock.withLock {
            requested = false
            guard source == nil else { return }
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            self.source = source
        }
    }

    private func request() {
        let second = lock.withLock { () -> Bool in
            defer { requested = true }
            return requested
        }
        if second { exit(130) }
        FileHandle.standardError.write(Data("\ninterrupted: stopping after the current batch (Ctrl-C again to quit now)\n".utf8))
    }
}
