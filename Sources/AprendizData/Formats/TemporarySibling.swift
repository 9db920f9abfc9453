#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Names of the temporary files and folders an atomic write puts next to its target, and the clean-up of those
/// a killed process left behind.
///
/// ```
/// <directory>/<prefix><pid>-<uuid>        e.g. ".model.safetensors.tmp-4242-1F0C…"
/// ```
/// The process id in the name tells a leftover (its process no longer runs) from a write in progress in another
/// process, which is left alone. Names without a process id (written by older versions) count as leftovers.
public enum TemporarySibling {
    /// A fresh name `<prefix><pid>-<uuid>` for this process.
    public static func name(prefix: String) -> String {
        "\(prefix)\(getpid())-\(UUID().uuidString)"
    }

    /// Removes the entries of `directory` named `<prefix>…` whose process has exited; errors are ignored (the
    /// clean-up is best effort and never stops the write that triggers it).
    public static func removeStale(prefix: String, in directory: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let owner = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) }
            if let owner, owner > 0, owner == getpid() || kill(owner, 0) == 0 || errno == EPERM { continue }
            try? manager.removeItem(atPath: directory + "/" + name)
        }
    }
}
