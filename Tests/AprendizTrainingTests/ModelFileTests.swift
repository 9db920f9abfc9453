import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

@Suite struct ModelFileTests {
    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString)-\(name)")
    }

    func mlp() -> Sequential {
        var generator = RandomGenerator(seed: 21)
        return Sequential(Dense(3, 4, using: &generator), ReLU(), Dense(4, 2, using: &generator))
    }

    @Test func roundTripRebuildsModelAndOptimizerState() throws {
        let model = mlp()
        let optimizer = SGD(parameters: model.parameters(), learningRate: 0.1, momentum: 0.9)
        let x = Tensor([[0.5, -1, 2], [1, 1, 1]])
        model(x).sum().backward()
        optimizer.step()
        let url = temporaryURL("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url, optimizer: optimizer, metadata: ["epoch": "3"])
        let (loaded, metadata, state) = try ModelFile.load(from: url)
        #expect(metadata["epoch"] == "3" && metadata["format"] == "pt")
        #expect(loaded.describedArchitecture == model.describedArchitecture)
        #expect(loaded(x).value == model(x).value)
        #expect(state.keys.sorted() == optimizer.stateTensors().keys.sorted() && !state.isEmpty)
        let fresh = mlp(), freshOptimizer = SGD(parameters: fresh.parameters(), learningRate: 0.1, momentum: 0.9)
        try ModelFile.loadParameters(into: fresh, from: url, optimizer: freshOptimizer)
        #expect(freshOptimizer.stateTensors() == optimizer.stateTensors())
    }

    /// Every activation layer with hyper-parameters or learned values survives a save and a load:
    /// the same architecture, the same (inference-mode) outputs.
    @Test func roundTripKeepsEveryActivationLayer() throws {
        var generator = RandomGenerator(seed: 5)
        let learnable = Swish(beta: 1.5, learnable: true)
        learnable.beta.value = Tensor([0.7])                  // as if trained: must come back from the file
        let prelu = PReLU(channels: 4, initialAlpha: 0.1)
        prelu.alpha.value = Tensor([0.05, 0.2, 0.3, 0.4])
        let layers: [Module] = [
            GELU(approximation: .tanh), Swish(beta: 2), learnable, prelu, RReLU(lower: 0.1, upper: 0.2, seed: 3),
            NoisyReLU(seed: 4), WilsonCowan(slope: 1.5, threshold: 2), Heaviside(), Softmax(axis: 1), LogSoftmax(),
        ]
        let x = Tensor.randomUniform([2, 3], in: -2...2, using: &generator)
        for layer in layers {
            let model = Sequential(Dense(3, 4, using: &generator), layer, Dense(4, 2, using: &generator))
            model.eval()
            let url = temporaryURL("activation.safetensors")
            defer { try? FileManager.default.removeItem(at: url) }
            try ModelFile.save(model, to: url)
            let (loaded, _, _) = try ModelFile.load(from: url)
            loaded.eval()
            #expect(loaded.describedArchitecture == model.describedArchitecture, "\(type(of: layer))")
            expectClose(loaded(x).value, model(x).value, absolute: 0, relative: 0)
        }
    }

    /// Reference: a torch Linear-ReLU-Linear saved by safetensors.torch (Tools/fixtures/generate_model_file.py),
    /// weights transposed to [in, out]; Aprendiz rebuilds it from the metadata and gives torch's outputs.
    @Test func loadsAModelWrittenByPython() throws {
        let url = ReferenceFixture.fixtureURL("model_from_python.safetensors")
        let expected = try JSONFixture("model_from_python.json")
        let (model, _, _) = try ModelFile.load(from: url)
        expectClose(model(expected["input"].tensor).value, expected["output"].tensor)
    }

    /// Aprendiz → Python: the safetensors package reads the file, names, shapes, values and metadata.
    /// Skipped (visibly) when no Python with `safetensors` is found ($APRENDIZ_PYTHON, python3 or python on PATH).
    @Test(.enabled(if: safetensorsPython != nil, "needs a Python with safetensors ($APRENDIZ_PYTHON or python3 on PATH)"))
    func pythonReadsAprendizFiles() throws {
        let python = try #require(Self.safetensorsPython)
        let model = mlp()
        let url = temporaryURL("for-python.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url)
        let script = """
            import json, sys
            from safetensors import safe_open
            with safe_open(sys.argv[1], "np") as f:
                out = {k: f.get_tensor(k).reshape(-1).tolist() for k in f.keys()}
                out["__architecture__"] = json.loads(f.metadata()["aprendiz.architecture"])["type"]
            print(json.dumps(out))
            """
        let output = try Self.run(python, ["-c", script, url.path])
        let read = try #require(JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(read["__architecture__"] as? String == "Sequential")
        for (name, parameter) in model.namedParameters() {
            let values = try #require(read[name] as? [Double]).map(Float.init)
            #expect(values == parameter.value.scalars, "\(name)")
        }
    }

    @Test func badFilesThrowNamedErrors() throws {
        let model = mlp()
        let url = temporaryURL("bad.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 5).write(to: url)
        #expect(throws: SafetensorsError.self) { try ModelFile.load(from: url) }
        try Data([1, 2, 3]).write(to: url)
        #expect(throws: SafetensorsError.self) { try ModelFile.load(from: url) }
        var generator = RandomGenerator(seed: 1)
        try ModelFile.save(Sequential(Dense(3, 5, using: &generator)), to: url)
        #expect(throws: ModelFileError.shapeMismatch(url.path, name: "layers.0.weight", expected: [3, 4], found: [3, 5])) {
            try ModelFile.loadParameters(into: model, from: url)
        }
    }

    /// A describable layer that the loading registry does not know fails at save, naming it, and
    /// writes nothing (before: saving worked and loading threw `unknownType`).
    @Test func layerMissingFromTheRegistryFailsAtSave() throws {
        let url = temporaryURL("custom.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let model = Sequential(Dense(2, 2), Doubling())
        #expect(throws: ModelFileError.unregisteredLayers(url.path, types: ["Doubling"])) { try ModelFile.save(model, to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        var registry = ArchitectureRegistry.standard
        registry.register(Doubling.self)
        try ModelFile.save(model, to: url, registry: registry)
        let (loaded, _, _) = try ModelFile.load(from: url, registry: registry)
        #expect(loaded(Tensor([[1, 2]])).value == model(Tensor([[1, 2]])).value)
    }

    /// The checkpoint of the last good epoch survives a divergence, and the error names it.
    @Test func checkpointKeepsTheLastGoodEpoch() throws {
        let data = Synthetic.linearRegression(count: 64, weights: [3, -2], bias: 1, seed: 5)
        let model = Sequential(Dense(2, 1))
        let url = temporaryURL("checkpoint.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let trainer = Trainer(model: model, loss: .mse, optimizer: SGD(parameters: model.parameters(), learningRate: 0.1),
                              callbacks: [ModelCheckpoint(url: url), LearningRateScheduler { epoch, rate in epoch >= 3 ? 1e6 : rate }])
        #expect {
            try trainer.fit(data, epochs: 10, batchSize: 8)
        } throws: { error in
            "\(error)".contains("the last good checkpoint is \(url.path)")
        }
        let (saved, metadata, _) = try ModelFile.load(from: url)
        #expect(metadata["epoch"] == "2")
        #expect(saved.parameters().map(\.value) == model.parameters().map(\.value))
    }

    static let safetensorsPython: String? = ReferencePython.find(importing: "safetensors.numpy")

    /// Runs a program and returns its standard output; throws when it fails.
    static func run(_ program: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return data
    }
}

/// A describable layer that is not in the standard registry: y = 2x.
final class Doubling: Module, ParameterFreeLayer {
    static var typeName: String { "Doubling" }
    override init() { super.init() }
    override func callAsFunction(_ input: Variable) -> Variable { input * 2 }
}
