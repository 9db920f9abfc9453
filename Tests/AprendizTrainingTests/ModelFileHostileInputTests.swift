import Aprendiz
import Foundation
import Testing

/// Model files whose architecture description asks for more than the file holds: rejected with a
/// ``ModelFileError`` naming the file before any layer allocates its weights.
@Suite struct ModelFileHostileInputTests {
    /// Writes a file with one small tensor and `architecture` (JSON) in its metadata, then loads it.
    func load(architecture json: String) throws -> Error? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = SafetensorsArchive(tensors: ["layers.0.weight": SafetensorsTensor(shape: [2, 2], scalars: [1, 2, 3, 4])],
                                         metadata: [ModelFile.architectureKey: json])
        try archive.write(to: url)
        do {
            _ = try ModelFile.load(from: url)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // 10⁹ × 10⁹ weights: 4·10¹⁸ bytes (the first input the fuzzer would find; written by hand here).
        #"{"type":"Sequential","layers":[{"type":"Dense","options":{"inputs":1000000000,"outputs":1000000000}}]}"#,
        // inputs·outputs overflows Int.
        #"{"type":"Dense","options":{"inputs":9223372036854775807,"outputs":3}}"#,
        // A convolution of 4096 → 4096 channels with 1000×1000 kernels.
        #"{"type":"Conv2D","options":{"inputs":4096,"outputs":4096,"kernelSize":[1000,1000]}}"#,
    ])
    func architectureLargerThanTheFileIsRejected(json: String) throws {
        let error = try #require(try load(architecture: json))
        let message = "\(error)"
        #expect(message.contains("model file '") && message.contains("the file stores 4 values"), "\(message)")
    }

    @Test func weightCountOfAStandardModel() {
        var generator = RandomGenerator(seed: 1)
        let model = Sequential(Dense(3, 4, using: &generator), ReLU(), Dense(4, 2, using: &generator))
        // 3·4 + 4·2 weights (biases not counted: the bound only needs to be below what the file stores).
        #expect(ModelFile.weightCount(of: model.describedArchitecture!) == 20)
    }
}
