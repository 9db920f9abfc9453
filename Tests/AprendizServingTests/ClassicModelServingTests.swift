import Aprendiz
import AprendizServing
import Foundation
import Testing

/// Classic models (`aprendiz train --model logistic-regression | random-forest …`) behind the server: the file is
/// written as the command line writes it (`ClassicFit.archive(metadata:)`), read back through the command line's
/// own loader table, and its answers over HTTP equal the fitted model's `predictProbabilities` / `predict`.
@Suite struct ClassicModelServingTests {
    /// Iris, standardised with the statistics stored in the file (as `aprendiz train` standardises by default).
    struct Iris {
        let table: LabeledTable
        let standardizer: Standardizer
        let folder: URL

        init() throws {
            table = try LabeledTable(contentsOf: BundledDataset.iris.url, targetColumn: "target")
            standardizer = Standardizer(fitting: table.features)
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-serve-classic-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        var x: Tensor { standardizer.transform(table.features) }
        var y: Tensor { table.targets.reshaped([-1]) }

        /// Writes `fit` with `aprendiz train`'s metadata for iris; returns the path.
        func save(_ fit: ClassicFit, model: String, task: LearningTask, classCount: Int) throws -> String {
            let path = folder.appendingPathComponent("\(model).safetensors").path
            let metadata = ModelMetadata(dataset: "iris", model: model, task: task, classCount: classCount, inputShape: [4],
                                         featureNames: table.featureNames, mean: standardizer.mean.scalars,
                                         standardDeviation: standardizer.standardDeviation.scalars, seed: 1, testFraction: 0.2)
            try fit.archive(metadata: metadata).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// Raw (unstandardised) rows.
        func rows(_ rows: [Int]) -> [[Double]] { rows.map { row in (0..<4).map { Double(table.features[row, $0]) } } }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func body(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func logisticRegressionAndRandomForestAnswerAsTheirLibraryModels() async throws {
        let iris = try Iris()
        defer { iris.remove() }
        let logistic = try LogisticRegression(maximumIterations: 1000).fit(iris.x, iris.y)
        let forest = try RandomForestClassifier(treeCount: 25, seed: 3).fit(iris.x, iris.y)
        let regressor = try RandomForestRegressor(treeCount: 10, seed: 4).fit(iris.x.slice(axis: 1, 0..<3), iris.table.features.slice(axis: 1, 3..<4).reshaped([-1]))
        let logisticPath = try iris.save(.model(ClassifierOutputs(model: logistic)), model: "logistic-regression", task: .classification, classCount: 3)
        let forestPath = try iris.save(.model(ClassifierOutputs(model: forest)), model: "random-forest", task: .classification, classCount: 3)
        // A regressor on the first three features (petal width as the target): `predictions` are its values.
        let regressorPath = iris.folder.appendingPathComponent("forest-regressor.safetensors").path
        let regressorMetadata = ModelMetadata(dataset: "iris", model: "random-forest", task: .regression, classCount: 1, inputShape: [3],
                                              featureNames: Array(iris.table.featureNames.prefix(3)),
                                              mean: Array(iris.standardizer.mean.scalars.prefix(3)),
                                              standardDeviation: Array(iris.standardizer.standardDeviation.scalars.prefix(3)), seed: 1)
        try ClassicFit.model(RegressorOutputs(model: regressor)).archive(metadata: regressorMetadata).write(to: URL(fileURLWithPath: regressorPath))

        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [
            .init(name: "logistic", path: logisticPath), .init(name: "forest", path: forestPath), .init(name: "petal", path: regressorPath),
        ]))
        let rows = [0, 1, 50, 51, 70, 77, 83, 100, 119, 133, 149]
        let x = iris.standardizer.transform(Tensor(shape: [rows.count, 4], scalars: iris.rows(rows).flatMap { $0.map(Float.init) }))
        try await withLiveServer(server) { client in
            for (name, expected) in [("logistic", logistic.predictProbabilities(x)), ("forest", forest.predictProbabilities(x))] {
                let response = try await client.post("/v1/models/\(name)/predict", try Self.body(["inputs": iris.rows(rows)]))
                #expect(response.status == 200, "\(name): \(response.text)")
                let json = try response.json()
                let served = try #require(json["probabilities"] as? [[Double]], "\(name): \(response.text)")
                let predictions = try #require(json["predictions"] as? [Int])
                #expect(predictions == (0..<rows.count).map { i in (0..<3).max { expected[i, $0] < expected[i, $1] }! }, "\(name)")
                #expect(json["task"] as? String == "classification")
                for i in rows.indices {
                    for k in 0..<3 {
                        #expect(abs(Float(served[i][k]) - expected[i, k]) <= 1e-5, "\(name) row \(rows[i]) class \(k): \(served[i][k]) vs \(expected[i, k])")
                    }
                }
                // Both models separate iris well: rows 0 and 1 are setosa, row 100 (6.3, 3.3, 6.0, 2.5) virginica.
                #expect(predictions.prefix(2) == [0, 0] && predictions[7] == 2, "\(name): \(predictions)")
            }
            let petalRows = iris.rows(rows).map { Array($0.prefix(3)) }
            let response = try await client.post("/v1/models/petal/predict", try Self.body(["inputs": petalRows]))
            let values = try #require((try response.json())["predictions"] as? [Double], "\(response.text)")
            let expected = regressor.predict(x.slice(axis: 1, 0..<3))
            #expect(values.count == rows.count)
            for i in values.indices { #expect(abs(Float(values[i]) - expected[i]) <= 1e-5, "petal row \(rows[i])") }

            let list = try #require((try await client.get("/v1/models").json())["models"] as? [[String: Any]])
            #expect(list.map { $0["architecture"] as? String } == ["logistic-regression", "random-forest", "random-forest"])
            // Rows keyed by feature name work for numeric models too; a missing name is a 400 naming it.
            let names = iris.table.featureNames
            let named = iris.rows(rows).map { Dictionary(uniqueKeysWithValues: zip(names, $0)) }
            let byName = try await client.post("/v1/models/logistic/predict", try Self.body(["rows": named]))
            let direct = try await client.post("/v1/models/logistic/predict", try Self.body(["inputs": iris.rows(rows)]))
            let byNameProbabilities = try byName.json()["probabilities"] as? [[Double]]
            let directProbabilities = try direct.json()["probabilities"] as? [[Double]]
            #expect(byName.status == 200 && byNameProbabilities != nil && byNameProbabilities == directProbabilities)
            let missing = try await client.post("/v1/models/logistic/predict", try Self.body(["rows": [["sepal_length": 5.0]]]))
            #expect(missing.status == 400 && missing.text.contains("rows[0] has no column '\(names.first { $0 != "sepal_length" }!)'"), "\(missing.text)")
        }
    }

    static let aprendiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/aprendiz")

    /// Runs the `aprendiz` executable; throws with its standard error when it fails.
    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = aprendiz
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServingTestError("aprendiz \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
    }

    /// The issue's check with the real tools: `aprendiz train --save` a logistic regression and a random forest,
    /// `aprendiz predict` every iris row, and the server's probabilities and labels for the same rows equal the
    /// CSV's (written with 6 decimals).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: aprendiz.path), "needs .build/debug/aprendiz (swift build builds it)"))
    func predictionsOverHTTPEqualAprendizPredict() async throws {
        let iris = try Iris()
        defer { iris.remove() }
        let csv = try BundledDataset.iris.url.path
        var entries: [ServerConfiguration.ModelEntry] = []
        for (name, model) in [("logistic", "logistic-regression"), ("forest", "random-forest")] {
            let path = iris.folder.appendingPathComponent("\(name).safetensors").path
            try Self.run(["train", "--dataset", "iris", "--model", model, "--quiet", "--save", path,
                          "--report", iris.folder.appendingPathComponent("report-\(name)").path])
            try Self.run(["predict", "--model", path, "--input", csv, "--output", iris.folder.appendingPathComponent("\(name).csv").path])
            entries.append(.init(name: name, path: path))
        }
        let models = entries
        let rows = Array(0..<150)
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: models))
        try await withLiveServer(server) { client in
            for model in models {
                let lines = try String(contentsOfFile: iris.folder.appendingPathComponent("\(model.name).csv").path, encoding: .utf8)
                    .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
                #expect(lines.count == rows.count)
                let response = try await client.post("/v1/models/\(model.name)/predict", try Self.body(["inputs": iris.rows(rows)]))
                let json = try response.json()
                let served = try #require(json["probabilities"] as? [[Double]], "\(response.text)")
                let labels = try #require(json["labels"] as? [String])
                for (i, line) in lines.enumerated() {
                    #expect(labels[i] == line.last, "\(model.name) row \(i)")
                    for k in 0..<3 {
                        #expect(abs(served[i][k] - Double(line[k])!) <= 5e-6 + 1e-6, "\(model.name) row \(i) class \(k): \(served[i][k]) vs \(line[k])")
                    }
                }
            }
        }
    }
}
