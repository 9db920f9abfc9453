import Foundation
import Testing
@testable import AprendizData

/// Reading malformed safetensors files, round trips, fuzzing and atomic writes.
@Suite struct SafetensorsArchiveTests {
    /// A file from a header JSON text and data bytes, with the header length written little-endian by hand.
    static func file(header: String, data: [UInt8] = []) -> Data {
        let json = Array(header.utf8)
        let length = UInt64(json.count)
        let prefix = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
        return Data(prefix + json + data)
    }

    static func reason(header: String, data: [UInt8] = []) -> SafetensorsError.Reason? {
        do {
            _ = try SafetensorsArchive(data: file(header: header, data: data), path: "bad.safetensors")
            return nil
        } catch {
            return error.reason
        }
    }

    static let sample = SafetensorsArchive(
        tensors: ["w": SafetensorsTensor(shape: [2, 2], scalars: [1, 2, 3, 4]),
                  "b": SafetensorsTensor(shape: [3], scalars: [-1, 0.5, 8]),
                  "s": SafetensorsTensor(shape: [], scalars: [9])],
        metadata: ["epoch": "3"])

    @Test func roundTripsThroughBytesAndFiles() throws {
        let bytes = try Self.sample.serialized()
        #expect(try SafetensorsArchive(data: Data(bytes)) == Self.sample)
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect((8 + headerLength) % 8 == 0, "header padded to 8 bytes")
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("model.safetensors")
            try Self.sample.write(to: url)
            #expect(try SafetensorsArchive(contentsOf: url) == Self.sample)
            // write(to:) streams tensor by tensor: the file holds exactly the serialized bytes.
            #expect([UInt8](try Data(contentsOf: url)) == bytes)
        }
    }

    @Test func acceptsHeaderPaddedWithSpacesAndNoMetadata() throws {
        let header = #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"# + "     "
        let archive = try SafetensorsArchive(data: Self.file(header: header, data: [0, 0, 0x80, 0x3F]))
        #expect(archive.tensors == ["x": SafetensorsTensor(shape: [1], scalars: [1])])  // 0x3F800000 = 1.0
        #expect(archive.metadata.isEmpty)
    }

    @Test func rejectsFilesShorterThanThePrefix() {
        #expect(throws: SafetensorsError(path: "<memory>", reason: .tooShort(byteCount: 5))) {
            try SafetensorsArchive(data: Data([1, 2, 3, 4, 5]))
        }
    }

    @Test func rejectsHeaderLongerThanFile() {
        var data = Self.file(header: "{}")
        data[0] = 0xE8; data[1] = 0x03  // 1000
        #expect(throws: SafetensorsError(path: "<memory>", reason: .headerTooLong(headerLength: 1000, available: 2))) {
            try SafetensorsArchive(data: data)
        }
    }

    @Test func rejectsMalformedHeaders() {
        let f32x2 = #""dtype":"F32","shape":[2]"#
        let eight = [UInt8](repeating: 0, count: 8)
        let cases: [(String, [UInt8], SafetensorsError.Reason)] = [
            (#"{"x":{"shape":[2],"data_offsets":[0,8]}}"#, eight, .missingField(tensor: "x", field: "dtype")),
            (#"{"x":{"dtype":"F32","data_offsets":[0,8]}}"#, eight, .missingField(tensor: "x", field: "shape")),
            ("{\"x\":{\(f32x2)}}", eight, .missingField(tensor: "x", field: "data_offsets")),
            (#"{"x":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}"#, [0, 0],
             .unsupportedDType(tensor: "x", dtype: "F8_E4M3")),
            ("{\"x\":{\(f32x2),\"data_offsets\":[0,12]}}", eight + [0, 0, 0, 0],
             .sizeMismatch(tensor: "x", expectedBytes: 8, actualBytes: 12)),
            ("{\"x\":{\(f32x2),\"data_offsets\":[0,8]}}", [0, 0, 0, 0],
             .offsetsOutOfRange(tensor: "x", end: 8, bufferSize: 4)),
            ("{\"x\":{\(f32x2),\"data_offsets\":[8,0]}}", eight, .invalidOffsets(tensor: "x", offsets: [8, 0])),
            ("{\"x\":{\(f32x2),\"data_offsets\":[-4,4]}}", eight, .invalidOffsets(tensor: "x", offsets: [-4, 4])),
            ("{\"x\":{\(f32x2),\"data_offsets\":[0]}}", eight, .invalidOffsets(tensor: "x", offsets: [0])),
            (#"{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, eight,
             .invalidShape(tensor: "x", shape: [-2])),
            (#"{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, eight,
             .invalidShape(tensor: "x", shape: [4611686018427387904, 4])),
            ("{\"x\":{\(f32x2),\"data_offsets\":[0,8]},\"y\":{\(f32x2),\"data_offsets\":[4,12]}}", eight + eight,
             .notContiguous(tensor: "y", begin: 4, expectedBegin: 8)),  // overlap
            ("{\"x\":{\(f32x2),\"data_offsets\":[0,8]},\"y\":{\(f32x2),\"data_offsets\":[12,20]}}", eight + eight + eight,
             .notContiguous(tensor: "y", begin: 12, expectedBegin: 8)),  // gap
            ("{\"x\":{\(f32x2),\"data_offsets\":[0,8]}}", eight + [7, 7, 7], .trailingBytes(count: 3)),
        ]
        for (header, data, expected) in cases {
            #expect(Self.reason(header: header, data: data) == expected, "header \(header)")
        }
    }

    @Test func rejectsInvalidJSON() {
        for header in ["{not json", "[1, 2]", #"{"__metadata__":{"a":1}}"#, #"{"x":{"dtype":3}}"#, "\u{FF}"] {
            guard case .invalidHeader = Self.reason(header: header) else {
                Issue.record("header \(header) was not rejected as invalid JSON")
                continue
            }
        }
    }

    @Test func errorDescriptionIsOneLineNamingFileAndProblem() {
        let error = SafetensorsError(path: "models/m.safetensors",
                                     reason: .sizeMismatch(tensor: "w", expectedBytes: 24, actualBytes: 20))
        #expect(error.description == "safetensors file 'models/m.safetensors': tensor 'w' needs 24 bytes for its shape "
                + "and dtype but its data_offsets span 20")
        #expect(error.errorDescription == error.description)
        let unsupported = SafetensorsError(path: "m", reason: .unsupportedDType(tensor: "q", dtype: "F8_E5M2"))
        #expect(unsupported.description.contains("F8_E5M2") && unsupported.description.contains("BF16"))
        #expect(!unsupported.description.contains("\n"))
    }

    @Test func missingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/dir/model.safetensors")
        #expect {
            try SafetensorsArchive(contentsOf: url)
        } throws: { error in
            guard let error = error as? SafetensorsError, case .unreadable = error.reason else { return false }
            return error.description.contains("/nonexistent/dir/model.safetensors")
        }
    }

    @Test func writeRejectsScalarCountNotMatchingShape() {
        let archive = SafetensorsArchive(tensors: ["w": SafetensorsTensor(shape: [2, 2], scalars: [1, 2, 3])])
        #expect(throws: SafetensorsError(path: "<memory>",
                                         reason: .scalarCountMismatch(tensor: "w", shape: [2, 2], scalarCount: 3))) {
            try archive.serialized()
        }
    }

    /// Every truncation and many random byte flips of a valid file must throw or load, never trap.
    @Test func fuzzedFilesThrowOrLoadButNeverCrash() throws {
        let valid = try Self.sample.serialized()
        var loaded = 0
        for length in 0..<valid.count {
            if (try? SafetensorsArchive(data: Data(valid[0..<length]))) != nil { loaded += 1 }
        }
        #expect(loaded == 0, "a strict prefix of a valid file never tiles exactly")
        var generator = SplitMix64(seed: 20_261_129)
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0...(generator.next() % 3) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
            _ = try? SafetensorsArchive(data: Data(bytes))
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator so fuzzing is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
