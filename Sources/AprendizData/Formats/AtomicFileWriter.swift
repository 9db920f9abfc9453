#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see either the old contents or the complete new contents, never a mix.
///
/// ```
/// write bytes to "<dir>/.<name>.tmp-<pid>-<uuid>" → fsync(temp) → rename(temp, target) → fsync(dir)
/// ```
/// On any failure the temporary file is removed and the target is left as it was. Temporary files of the same
/// target left by killed processes are removed first (``TemporarySibling``); two processes writing the same
/// target each write their own temporary file, and the last rename wins.
enum AtomicFileWriter {
    /// A failed system call, with its `errno` message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Atomically replaces `url` with `bytes`. `beforeRename` runs after the temporary file is synced and lets
    /// tests force a failure at the last moment.
    static func write(_ bytes: [UInt8], to url: URL, beforeRename: () throws -> Void = {}) throws(Failure) {
        try write(to: url, beforeRename: beforeRename) { emit in try bytes.withUnsafeBytes { try emit($0) } }
    }

    /// Atomically replaces `url` with the bytes `body` hands to its `emit` argument, written in order as they
    /// come (the file's contents are never held whole in memory). An error thrown by `body` fails the write.
    static func write(to url: URL, beforeRename: () throws -> Void = {},
                      streaming body: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws(Failure) {
        let target = url.standardizedFileURL
        let directory = target.deletingLastPathComponent().path
        let prefix = ".\(target.lastPathComponent).tmp-"
        TemporarySibling.removeStale(prefix: prefix, in: directory)
        let temporary = directory + "/" + TemporarySibling.name(prefix: prefix)
        do throws(Failure) {
            try writeAndSync(to: temporary, body)
            do { try beforeRename() } catch { throw Failure(description: "\(error)") }
            guard rename(temporary, target.path) == 0 else { throw failure("rename to '\(target.path)'") }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    private static func writeAndSync(to path: String,
                                     _ body: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create '\(path)'") }
        defer { close(descriptor) }
        func emit(_ buffer: UnsafeRawBufferPointer) throws(Failure) {
            var written = 0
            while written < buffer.count {
                let result = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw failure("write '\(path)'")
                }
                written += result
            }
        }
        do {
            try body { buffer in try emit(buffer) }
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "\(error)")
        }
        guard fsync(descriptor) == 0 else { throw failure("fsync '\(path)'") }
    }

    /// Makes the rename durable; a failure here cannot be undone, so it is ignored (the data is already in place).
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ operation: String) -> Failure {
        Failure(description: "cannot \(operation): \(String(cString: strerror(errno)))")
    }
}

/// `write(2)`, named apart from `AtomicFileWriter.write(_:to:beforeRename:)` which would shadow it.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
