import Foundation
import Testing
@testable import AprendizData

/// The Swift reader and writer against the reference implementation (Hugging Face `safetensors` in Python).
@Suite struct SafetensorsReferenceTests {
    /// The values Tools/fixtures/make_safetensors_fixtures.py writes (float32 literals there and here).
    static let expectedF32: [String: SafetensorsTensor] = [
        "a.weight": SafetensorsTensor(shape: [2, 3], scalars: [-1, -0.5, 0, 0.5, 1, 1.5]),
        "b.bias": SafetensorsTensor(shape: [4], scalars: [0.1, -2.5, 0.001, 3e38]),
        "c.scale": SafetensorsTensor(shape: [], scalars: [3.25]),
        "d.kernel": SafetensorsTensor(shape: [1, 2, 2], scalars: [1e-7, -1e7, 65504, -0.0]),
    ]
    static let expectedMetadata = ["format": "np", "description": "Aprendiz fixture"]

    @Test func readsF32FileWrittenByPython() throws {
        let archive = try SafetensorsArchive(contentsOf: FormatTestSupport.fixtureURL("python_written.safetensors"))
        #expect(archive.metadata == Self.expectedMetadata)
        #expect(archive.tensors == Self.expectedF32)
        // −0.0 == 0.0 for Float's ==, so check the sign bit explicitly.
        #expect(archive.tensors["d.kernel"]?.scalars[3].sign == .minus)
    }

    @Test func writesTheSameBytesAsPython() throws {
        // safetensors (Python) orders F32 tensors by name, sorts metadata keys and pads the header with spaces to
        // 8 bytes — exactly this writer's layout, so the files must be byte-identical.
        let pythonBytes = try Data(contentsOf: FormatTestSupport.fixtureURL("python_written.safetensors"))
        let archive = SafetensorsArchive(tensors: Self.expectedF32, metadata: Self.expectedMetadata)
        #expect(try archive.serialized() == [UInt8](pythonBytes))
    }

    @Test func readsEveryOtherDTypeWrittenByPython() throws {
        let archive = try SafetensorsArchive(contentsOf: FormatTestSupport.fixtureURL("python_mixed_dtypes.safetensors"))
        let expected: [String: (SafetensorsDType, [Float])] = [
            "f64": (.f64, [0.5, -1.25]),
            "f16": (.f16, [1.5, 0x1p-14, 0x1p-24, 65504]),
            "bf16": (.bf16, [1.0, -3.140625]),
            "i64": (.i64, [-5, 0, 0x1p40]),
            "i32": (.i32, [-7, 0x1p31]),  // 2³¹ − 1 rounds to 2³¹ in Float
            "i16": (.i16, [-32768, 32767]),
            "i8": (.i8, [-128, 127]),
            "u8": (.u8, [0, 255]),
            "flag": (.bool, [1, 0, 1]),
        ]
        #expect(archive.metadata.isEmpty)
        #expect(Set(archive.tensors.keys) == Set(expected.keys))
        for (name, (dtype, scalars)) in expected {
            #expect(archive.tensors[name] == SafetensorsTensor(shape: [scalars.count], scalars: scalars, dtype: dtype),
                    "tensor \(name)")
        }
    }

    @Test func halfPrecisionSpecialValues() {
        #expect(SafetensorsDType.floatFromHalf(0x7C00) == .infinity)
        #expect(SafetensorsDType.floatFromHalf(0xFC00) == -.infinity)
        #expect(SafetensorsDType.floatFromHalf(0x7E00).isNaN)
        #expect(SafetensorsDType.floatFromHalf(0x8000).sign == .minus)
        #expect(SafetensorsDType.floatFromHalf(0x3C00) == 1)
        #expect(SafetensorsDType.floatFromHalf(0xC000) == -2)
    }

    @Test(.enabled(if: FormatTestSupport.safetensorsPython != nil, "needs Python with safetensors and numpy"))
    func pythonLoadsFileWrittenBySwift() throws {
        let python = try #require(FormatTestSupport.safetensorsPython)
        let tensors: [String: SafetensorsTensor] = [
            "layer.0.weight": SafetensorsTensor(shape: [3, 2], scalars: [1, -2, 0.25, 1e-30, -7.5e20, 0.1]),
            "layer.0.bias": SafetensorsTensor(shape: [2], scalars: [.pi, -.ulpOfOne]),
            "empty": SafetensorsTensor(shape: [0, 4], scalars: []),
            "step": SafetensorsTensor(shape: [], scalars: [42]),
        ]
        let metadata = ["architecture": #"{"layers": ["dense", "relu"], "note": "quote \" and\nnewline"}"#]
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("swift.safetensors")
            try SafetensorsArchive(tensors: tensors, metadata: metadata).write(to: url)
            // Python prints, per tensor, the shape and the float32 bit patterns, plus the metadata.
            let script = """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="np") as f:
                metadata = f.metadata()
            print(json.dumps({"metadata": metadata, "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape),
                "bits": [int(b) for b in v.reshape(-1).view("uint32")]} for k, v in tensors.items()}}))
            """
            let (status, output) = try FormatTestSupport.run(python, ["-c", script, url.path])
            try #require(status == 0, "Python could not load the file")
            let result = try JSONDecoder().decode(PythonView.self, from: output)
            #expect(result.metadata == metadata)
            #expect(Set(result.tensors.keys) == Set(tensors.keys))
            for (name, tensor) in tensors {
                let loaded = try #require(result.tensors[name])
                #expect(loaded.dtype == "float32")
                #expect(loaded.shape == tensor.shape, "shape of \(name)")
                #expect(loaded.bits == tensor.scalars.map(\.bitPattern), "values of \(name)")
            }
        }
    }

    private struct PythonView: Decodable {
        struct Tensor: Decodable {
            var dtype: String
            var shape: [Int]
            var bits: [UInt32]
        }
        var metadata: [String: String]
        var tensors: [String: Tensor]
    }
}
