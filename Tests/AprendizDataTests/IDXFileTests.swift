import Foundation
import Testing
import AprendizData

/// IDX files (MNIST format) built byte by byte from the format description, raw and gzip-compressed.
@Suite struct IDXFileTests {
    /// 2×3 unsigned bytes: magic 00 00 08 02, sizes 2 and 3 big-endian, then six pixels.
    static let images: [UInt8] = [0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 127, 128, 254, 255]

    static func reason(_ bytes: [UInt8]) -> IDXError.Reason? {
        do {
            _ = try IDXFile(data: Data(bytes))
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func readsUnsignedBytesAsFloatsIn0To255() throws {
        let file = try IDXFile(data: Data(Self.images))
        #expect(file.elementType == .unsignedByte)
        #expect(file.shape == [2, 3])
        #expect(file.count == 6)
        #expect(file.data == [0, 1, 127, 128, 254, 255])
        #expect(file.scalars == [0, 1, 127, 128, 254, 255])
    }

    @Test func readsEveryElementTypeBigEndian() throws {
        let cases: [(type: UInt8, payload: [UInt8], expected: [Float])] = [
            (0x09, [0xFF, 0x80], [-1, -128]),
            (0x0B, [0x01, 0x00, 0xFF, 0xFE], [256, -2]),
            (0x0C, [0x00, 0x01, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00], [65536, -2_147_483_648]),
            (0x0D, [0x3F, 0xC0, 0, 0, 0xC2, 0x28, 0, 0], [1.5, -42]),  // IEEE bits 0x3FC00000, 0xC2280000
            (0x0E, [0xC0, 0, 0, 0, 0, 0, 0, 0, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0], [-2, 0.5]),
        ]
        for (type, payload, expected) in cases {
            let file = try IDXFile(data: Data([0, 0, type, 1, 0, 0, 0, 2] + payload))
            #expect(file.shape == [2])
            #expect(file.scalars == expected, "type 0x\(String(type, radix: 16))")
        }
    }

    @Test func rejectsBadHeaders() {
        #expect(Self.reason([0, 0, 8]) == .truncatedHeader(byteCount: 3, needed: 4))
        #expect(Self.reason([0, 0, 8, 3, 0, 0, 0, 1]) == .truncatedHeader(byteCount: 8, needed: 16))
        #expect(Self.reason([1, 0, 8, 1, 0, 0, 0, 0]) == .badMagic([1, 0, 8, 1]))
        #expect(Self.reason([0, 0, 0x0A, 1, 0, 0, 0, 0]) == .unknownType(0x0A))
    }

    @Test func rejectsWrongDataSizeNamingBothSizes() {
        let short = Array(Self.images.dropLast())
        #expect(Self.reason(short) == .sizeMismatch(shape: [2, 3], type: .unsignedByte, expectedBytes: 6, actualBytes: 5))
        #expect(Self.reason(Self.images + [9]) ==
                .sizeMismatch(shape: [2, 3], type: .unsignedByte, expectedBytes: 6, actualBytes: 7))
        let error = IDXError(path: "train-images-idx3-ubyte", reason: .sizeMismatch(
            shape: [60000, 28, 28], type: .unsignedByte, expectedBytes: 47_040_000, actualBytes: 1000))
        #expect(error.description == "IDX file 'train-images-idx3-ubyte': data holds 1000 bytes but shape "
                + "[60000, 28, 28] of unsigned byte needs 47040000")
    }

    @Test func hugeDimensionsDoNotOverflow() {
        // Three sizes of 2³²−1 doubles: the byte count overflows Int and must be reported, not trap.
        let header: [UInt8] = [0, 0, 0x0E, 3] + [UInt8](repeating: 0xFF, count: 12)
        #expect(Self.reason(header) == .shapeTooLarge([4_294_967_295, 4_294_967_295, 4_294_967_295]))
    }

    @Test(.enabled(if: FormatTestSupport.hasGzip, "needs the gzip command"))
    func readsFilesCompressedByGzipCommand() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let raw = directory.appendingPathComponent("images-idx2-ubyte")
            try Data(Self.images).write(to: raw)
            let (status, _) = try FormatTestSupport.run("gzip", ["-k", raw.path])
            try #require(status == 0)
            let compressed = try IDXFile(contentsOf: raw.appendingPathExtension("gz"))
            #expect(compressed == (try IDXFile(contentsOf: raw)))
            #expect(compressed.scalars == [0, 1, 127, 128, 254, 255])
            // Two gzip members back to back decompress to their concatenation (RFC 1952 §2.2).
            let half = Self.images.count / 2
            let first = try FormatTestSupport.run("gzip", ["-c"], stdin: Data(Self.images[..<half])).output
            let second = try FormatTestSupport.run("gzip", ["-c"], stdin: Data(Self.images[half...])).output
            #expect(try IDXFile(data: first + second).data == [0, 1, 127, 128, 254, 255])
        }
    }

    @Test(.enabled(if: FormatTestSupport.hasGzip, "needs the gzip command"))
    func reportsTruncatedAndCorruptGzip() throws {
        let gz = [UInt8](try FormatTestSupport.run("gzip", ["-c"], stdin: Data(Self.images)).output)
        for length in [3, 10, gz.count / 2, gz.count - 1] {
            #expect(Self.reason(Array(gz[..<length])) == .truncatedGzip, "cut at \(length) of \(gz.count)")
        }
        var badChecksum = gz
        badChecksum[gz.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        guard case .corruptGzip(let message) = Self.reason(badChecksum) else {
            Issue.record("a wrong CRC-32 was not reported as corrupt")
            return
        }
        #expect(message.contains("check"))
    }

    /// A "zip bomb": a 64 MiB stream of zeros behind a header that declares six bytes stops at the declared size
    /// plus one (a size mismatch), and a header that declares more than deflate's 1032:1 ratio allows is refused
    /// before decompressing the rest.
    @Test(.enabled(if: FormatTestSupport.hasGzip, "needs the gzip command"))
    func gzipBombsStopAtTheDeclaredSize() throws {
        let bomb = Data(Self.images[..<12]) + Data(count: 64 << 20)
        let gz = [UInt8](try FormatTestSupport.run("gzip", ["-c"], stdin: bomb).output)
        #expect(gz.count < 200_000)
        #expect(Self.reason(gz) == .sizeMismatch(shape: [2, 3], type: .unsignedByte, expectedBytes: 6, actualBytes: 7))
        let claim: [UInt8] = [0, 0, 0x08, 2, 0x40, 0, 0, 0, 0, 0x40, 0, 0]  // 2³⁰ × 2²² bytes declared
        let liar = [UInt8](try FormatTestSupport.run("gzip", ["-c"], stdin: Data(claim) + Data(count: 1 << 20)).output)
        #expect(Self.reason(liar) == .shapeTooLarge([1 << 30, 1 << 22]))
    }

    /// Every truncation and random byte flips of a raw and a gzip file must throw or load, never trap.
    @Test func fuzzedFilesThrowOrLoadButNeverCrash() throws {
        let gz = IDXFile(shape: [2, 3], bytes: [0, 1, 127, 128, 254, 255])
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("f.gz")
            try gz.write(to: url)
            for valid in [Self.images, [UInt8](try Data(contentsOf: url))] {
                for length in 0..<valid.count {
                    #expect((try? IDXFile(data: Data(valid[0..<length]))) == nil, "prefix of \(length) bytes")
                }
                var generator = SplitMix64(seed: 7)
                for _ in 0..<2000 {
                    var bytes = valid
                    let index = Int(generator.next() % UInt64(bytes.count))
                    bytes[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                    _ = try? IDXFile(data: Data(bytes))
                }
            }
        }
    }

    @Test func writesRawAndGzipAtomically() throws {
        let file = IDXFile(elementType: .short, shape: [1, 2], data: [0x7F, 0xFF, 0x80, 0x00])
        try FormatTestSupport.withScratchDirectory { directory in
            let raw = directory.appendingPathComponent("s.idx")
            let gz = directory.appendingPathComponent("s.idx.gz")
            try file.write(to: raw)
            try file.write(to: gz)
            #expect(try Data(contentsOf: raw) == Data([0, 0, 0x0B, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0x7F, 0xFF, 0x80, 0x00]))
            #expect(try Data(contentsOf: gz).prefix(2) == Data([0x1F, 0x8B]))
            #expect(try IDXFile(contentsOf: gz) == file)
            #expect(try IDXFile(contentsOf: gz).scalars == [32767, -32768])
            if FormatTestSupport.hasGzip {  // the system gzip reads our gzip stream
                let output = try FormatTestSupport.run("gzip", ["-dc", gz.path]).output
                #expect(output == Data(try Data(contentsOf: raw)))
            }
        }
    }

    @Test func missingFileNamesThePath() {
        #expect {
            try IDXFile(contentsOf: URL(fileURLWithPath: "/nonexistent/t10k-labels-idx1-ubyte.gz"))
        } throws: { error in
            (error as? IDXError)?.description.hasPrefix("IDX file '/nonexistent/t10k-labels-idx1-ubyte.gz'") == true
        }
    }

    /// Fashion-MNIST test set from Debian's dataset-fashion-mnist; expected numbers from Python's gzip module:
    /// `l = gzip.open(".../t10k-labels-idx1-ubyte.gz").read()[8:]` → l[:10] = [9,2,1,1,6,1,4,6,5,7], sum(l) = 45000;
    /// first image: sum of its 784 pixels 33456, max 255.
    /// The files are found where the library looks ($APRENDIZ_DATA, ~/.aprendiz/datasets, /usr/share/datasets).
    @Test(.enabled(if: (try? ImageDataset.fashionMNIST.files(.test)) != nil,
                   "needs Fashion-MNIST (apt package dataset-fashion-mnist, or $APRENDIZ_DATA)"))
    func readsFashionMNISTTestSet() throws {
        let files = try ImageDataset.fashionMNIST.files(.test)
        let labels = try IDXFile(contentsOf: files.labels)
        #expect(labels.shape == [10000])
        #expect(Array(labels.scalars.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(labels.data.reduce(0) { $0 + Int($1) } == 45000)
        let images = try IDXFile(contentsOf: files.images)
        #expect(images.shape == [10000, 28, 28])
        let first = images.scalars.prefix(784)
        #expect(first.reduce(0, +) == 33456)
        #expect(first.max() == 255)
    }
}
