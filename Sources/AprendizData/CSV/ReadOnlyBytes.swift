#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Bytes to parse in place: a file mapped read-only into memory (`mmap`), or a copy of in-memory text.
///
/// Mapping costs no copy and no heap allocation of the file's size: the kernel pages the file in as it is read
/// and can drop the pages again under memory pressure.
final class ReadOnlyBytes: @unchecked Sendable {
    /// The first byte (a valid pointer to one zero byte when there are none).
    let base: UnsafePointer<UInt8>
    /// The number of bytes.
    let count: Int
    private let mapping: UnsafeMutableRawPointer?
    private let copy: UnsafeMutablePointer<UInt8>?

    /// Maps the file at `path`; the error is the system's message.
    init(mapping path: String) throws(ReadOnlyBytesError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadOnlyBytesError(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadOnlyBytesError(message: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw ReadOnlyBytesError(message: "not a regular file") }
        let size = Int(status.st_size)
        count = size
        guard size > 0 else {
            let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
            empty.initialize(to: 0)
            copy = empty
            mapping = nil
            base = UnsafePointer(empty)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw ReadOnlyBytesError(message: String(cString: strerror(errno)))
        }
        _ = madvise(address, size, Int32(MADV_SEQUENTIAL))
        mapping = address
        copy = nil
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
    }

    /// Copies `text`'s UTF-8 bytes.
    convenience init(copying text: String) {
        var text = text
        self.init(copying: text.withUTF8 { Array($0) })
    }

    /// Copies `bytes`.
    init(copying bytes: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        buffer.initialize(to: 0)
        bytes.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { buffer.update(from: start, count: source.count) }
        }
        copy = buffer
        count = bytes.count
        mapping = nil
        base = UnsafePointer(buffer)
    }

    /// Lets the kernel drop the mapped pages of `range` from this process's memory (a later read pages them in
    /// again from the file), so a file read once costs little resident memory after its records are parsed.
    func releasePages(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound == count ? count : range.upperBound / page * page
        guard end > start else { return }
        _ = madvise(mapping + start, end - start, Int32(MADV_DONTNEED))
    }

    deinit {
        if let mapping { munmap(mapping, count) }
        copy?.deallocate()
    }
}

/// Why a file could not be mapped (the system's message).
struct ReadOnlyBytesError: Error {
    var message: String
}
