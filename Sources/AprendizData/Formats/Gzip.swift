import CZlib
import AprendizTensor

/// gzip (RFC 1952) compression and decompression through the system zlib.
///
/// `windowBits = 16 + MAX_WBITS` makes zlib read and write the gzip wrapper (header, CRC-32, length) rather than
/// the zlib one. Concatenated members (allowed by RFC 1952 §2.2, as `cat a.gz b.gz` makes) are decompressed in turn.
enum Gzip {
    /// Why decompression failed.
    enum Failure: Error, Equatable {
        /// The input ended before the end of the compressed stream.
        case truncated
        /// zlib rejected the stream (its message, e.g. "incorrect data check").
        case corrupt(String)
    }

    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses a gzip stream, or its first `limit + 1` bytes when it holds more than `limit` (a reader that knows
    /// how many bytes it needs stops a "zip bomb" there, before allocating what it claims).
    static func decompress(_ input: [UInt8], limit: Int = .max) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start: \(message(stream))")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let result: Failure? = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if output.count > limit {
                    output.removeLast(output.count - (limit == .max ? limit : limit + 1))
                    return nil
                }
                switch status {
                case Z_STREAM_END:
                    guard stream.avail_in > 0 else { return nil }
                    inflateReset(&stream)  // another gzip member follows
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .truncated
                default:
                    return .corrupt(message(stream))
                }
            }
        }
        if let result { throw result }
        return output
    }

    /// Compresses `input` into one gzip member at the default level.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        require(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        defer { deflateEnd(&stream) }
        // deflateBound omits the gzip wrapper's 18 bytes beyond the zlib wrapper's 6; add them.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 18)
        let produced = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let finish = deflate(&stream, Z_FINISH)
                require(finish == Z_STREAM_END, "zlib deflate did not finish (status \(finish))")
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }

    private static func message(_ stream: z_stream) -> String {
        stream.msg.map { String(cString: $0) } ?? "unknown zlib error"
    }
}
