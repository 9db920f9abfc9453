import Aprendiz
import AprendizServing
import Foundation
import Testing

/// A model trained on a table with a text column and missing cells (its file records the ``TableEncoding``) takes
/// the raw rows its users have — objects keyed by column name, or mixed lists in the column order — and answers
/// with class names. The expected inputs are encoded by hand here (one-hot over the sorted training cities, the
/// mean of the present training values for a missing number), independently of `TableEncoding.encode`.
@Suite struct TableRowsServingTests {
    static let cities = ["Faro", "Lisboa", "Porto"]  // sorted, as the encoding orders categories

    /// 60 training rows: idade (some missing), cidade (one of three), renda; class 0 "compra" when the income is
    /// high for the city, else 1 "nao".
    struct Training {
        var idade: [Float] = [], cidade: [Int] = [], renda: [Float] = [], target: [Float] = []

        init() {
            for i in 0..<60 {
                idade.append(i % 7 == 3 ? .nan : Float(20 + (i * 13) % 50))
                cidade.append((i * 5) % 3)
                renda.append(Float(900 + (i * 397) % 3000))
                let threshold: Float = cidade[i] == 1 ? 1800 : 2300
                target.append(renda[i] > threshold ? 0 : 1)
            }
        }

        var meanIdade: Float {
            let present = idade.filter { !$0.isNaN }
            return Float(present.reduce(0.0) { $0 + Double($1) } / Double(present.count))
        }

        /// The encoding's input row by hand: [idade, cidade=Faro, cidade=Lisboa, cidade=Porto, renda].
        func encoded(idade: Float?, cidade: String, renda: Float) -> [Float] {
            [idade ?? meanIdade] + TableRowsServingTests.cities.map { $0 == cidade ? 1 : 0 } + [renda]
        }
    }

    @Test func rawRowsGoThroughTheRecordedEncodingAndAnswerWithClassNames() async throws {
        let data = Training()
        let n = data.idade.count
        var cells: [Float] = []
        for i in 0..<n { cells += [data.idade[i], Float(data.cidade[i]), data.renda[i]] }
        let source = TableEncoding.Source(values: Tensor(shape: [n, 3], scalars: cells), names: ["idade", "cidade", "renda"],
                                          categories: [nil, Self.cities, nil], path: "clientes.csv")
        let encoding = try TableEncoding.fit(source, rows: Array(0..<n), missing: .mean)
        let train = Tensor(shape: [n, 5], scalars: (0..<n).flatMap {
            data.encoded(idade: data.idade[$0].isNaN ? nil : data.idade[$0], cidade: Self.cities[data.cidade[$0]], renda: data.renda[$0])
        })
        let standardizer = Standardizer(fitting: train)
        let model = try LogisticRegression(maximumIterations: 2000).fit(standardizer.transform(train), Tensor(data.target))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-serve-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func save(_ encoding: TableEncoding, _ name: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let metadata = ModelMetadata(dataset: "clientes.csv", model: "logistic-regression", task: .classification, classCount: 2,
                                         inputShape: [5], featureNames: encoding.featureNames, mean: standardizer.mean.scalars,
                                         standardDeviation: standardizer.standardDeviation.scalars, seed: 1,
                                         classNames: ["compra", "nao"], testFraction: 0, encoding: encoding)
            try ClassicFit.model(ClassifierOutputs(model: model)).archive(metadata: metadata).write(to: URL(fileURLWithPath: path))
            return path
        }
        var strict = encoding  // as if trained without missing cells: nothing fills a missing renda
        strict.columns[2].fill = nil
        let server = try ModelServer(configuration: ServerConfiguration(port: 0, models: [
            .init(name: "clientes", path: try save(encoding, "clientes.safetensors")),
            .init(name: "strict", path: try save(strict, "strict.safetensors")),
        ]))

        let expectedRows = [data.encoded(idade: 31, cidade: "Lisboa", renda: 2500), data.encoded(idade: nil, cidade: "Braga", renda: 1200),
                            data.encoded(idade: 45, cidade: "Porto", renda: 3100)]
        let expected = model.predictProbabilities(standardizer.transform(Tensor(shape: [3, 5], scalars: expectedRows.flatMap { $0 })))
        let names = (0..<3).map { i in expected[i, 0] >= expected[i, 1] ? "compra" : "nao" }
        try await withLiveServer(server) { client in
            let bodies = [
                #"{"rows": [{"idade": 31, "cidade": "Lisboa", "renda": 2500}, {"idade": null, "cidade": "Braga", "renda": 1200}, "#
                    + #"{"renda": 3100, "cidade": "Porto", "idade": 45, "nota": "ignored"}]}"#,
                #"{"inputs": [[31, "Lisboa", 2500], [null, "Braga", 1200], [45, "Porto", 3100]]}"#,
            ]
            for body in bodies {
                let response = try await client.post("/v1/models/clientes/predict", body)
                #expect(response.status == 200, "\(response.text)")
                let json = try response.json()
                let served = try #require(json["probabilities"] as? [[Double]], "\(response.text)")
                #expect(json["labels"] as? [String] == names, "\(response.text)")
                for i in 0..<3 {
                    for k in 0..<2 { #expect(abs(Float(served[i][k]) - expected[i, k]) <= 1e-5, "row \(i) class \(k): \(served[i][k]) vs \(expected[i, k])") }
                }
            }
            // The rule the model learnt: a high income buys, a low one does not.
            #expect(names[0] == "compra" && names[1] == "nao" && names[2] == "compra", "\(names)")

            let bad: [(String, String, Int, String)] = [
                ("clientes", #"{"rows": [{"idade": 31, "renda": 2500}]}"#, 400, "rows[0] has no column 'cidade'"),
                ("clientes", #"{"rows": [{"idade": "trinta", "cidade": "Lisboa", "renda": 2500}]}"#, 400,
                 "rows[0].idade is text ('trinta'); column 'idade' holds numbers"),
                ("clientes", #"{"rows": [{"idade": true, "cidade": "Lisboa", "renda": 2500}]}"#, 400, "rows[0].idade is not a number, text or null"),
                ("clientes", #"{"rows": [[31, "Lisboa", 2500]]}"#, 400, "rows[0] must be an object keyed by column name"),
                ("clientes", #"{"inputs": [[31, "Lisboa"]]}"#, 422, "inputs[0] has 2 values; model 'clientes' expects its 3 columns idade, cidade, renda"),
                ("clientes", #"{"rows": []}"#, 400, "rows is empty"),
                ("strict", #"{"inputs": [[31, "Lisboa", null]]}"#, 400, "inputs[0][2] is missing and model 'strict' has no fill value for 'renda'"),
            ]
            for (model, body, status, message) in bad {
                let response = try await client.post("/v1/models/\(model)/predict", body)
                #expect(response.status == status, "\(body): \(response.status) \(response.text)")
                let error = try response.json()["error"] as? String ?? ""
                #expect(error.contains(message), "\(body): \(response.text)")
            }
            // The columns a client must send are listed.
            let list = try #require((try await client.get("/v1/models").json())["models"] as? [[String: Any]])
            #expect(list.first?["columns"] as? [String] == ["idade", "cidade", "renda"])
        }
    }
}
