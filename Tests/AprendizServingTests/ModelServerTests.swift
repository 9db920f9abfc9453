import Aprendiz
import AprendizServing
import Foundation
import Testing

/// `aprendiz-serve` end to end: a live server on an ephemeral loopback port, a real HTTP client (URLSession).
@Suite struct ModelServerTests {
    func server(_ fixture: IrisFixture, maxBody: Int = 10_000_000) throws -> ModelServer {
        try ModelServer(configuration: ServerConfiguration(port: 0, models: [.init(name: "iris", path: fixture.path)], maxBody: maxBody))
    }

    @Test func predictionsOverHTTPEqualTheLibrary() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let rows = 45..<55  // setosa, then versicolor
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["inputs": fixture.rows(rows)]), as: UTF8.self)
        let expected = fixture.libraryOutputs(rows)
        let probabilities = (expected - expected.logSumExp(axes: [1], keepDims: true)).exp()
        try await withLiveServer(try server(fixture)) { client in
            let response = try await client.post("/v1/models/iris/predict", body)
            #expect(response.status == 200 && response.contentType == "application/json")
            let json = try response.json()
            let predictions = try #require(json["predictions"] as? [Int])
            let labels = try #require(json["labels"] as? [String])
            let served = try #require(json["probabilities"] as? [[Double]])
            #expect(predictions == predictedClasses(expected))
            #expect(labels == predictions.map(String.init))
            #expect(json["model"] as? String == "iris" && json["task"] as? String == "classification")
            #expect(served.count == rows.count && served.allSatisfy { $0.count == 3 })
            for (i, row) in served.enumerated() {
                for (k, p) in row.enumerated() {
                    #expect(abs(Float(p) - probabilities[i, k]) <= 1e-6, "row \(i) class \(k): \(p) vs \(probabilities[i, k])")
                }
            }
            // The fixture model is trained well enough for the answer to mean something: rows 45–49 are setosa.
            #expect(predictions.prefix(5).allSatisfy { $0 == 0 })
        }
    }

    @Test func healthReadyModelsAndMetrics() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let server = try server(fixture)
        #expect(!server.isReady)
        try await withLiveServer(server) { client in
            #expect(server.isReady)
            let health = try await client.get("/health")
            try #expect(health.status == 200 && (try health.json())["status"] as? String == "ok")
            let ready = try await client.get("/ready")
            try #expect(ready.status == 200 && (try ready.json())["status"] as? String == "ready")

            let list = try await client.get("/v1/models")
            let models = try #require((try list.json())["models"] as? [[String: Any]])
            let iris = try #require(models.first)
            #expect(models.count == 1)
            #expect(iris["name"] as? String == "iris" && iris["task"] as? String == "classification")
            #expect(iris["inputShape"] as? [Int] == [4] && iris["classes"] as? Int == 3 && iris["file"] as? String == "iris.safetensors")
            #expect(iris["features"] as? [String] == fixture.table.featureNames)
            #expect((iris["fileSize"] as? Int ?? 0) > 0)

            let openAPI = try await client.get("/openapi.yaml")
            #expect(openAPI.status == 200 && openAPI.contentType == "application/yaml")
            #expect(openAPI.text.hasPrefix("openapi: 3.1.0") && openAPI.text.contains("/v1/models/{name}/predict:"))

            for _ in 0..<3 { _ = try await client.post("/v1/models/iris/predict", #"{"inputs": [[5.1, 3.5, 1.4, 0.2]]}"#) }
            _ = try await client.post("/v1/models/nope/predict", #"{"inputs": [[1, 2, 3, 4]]}"#)
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == 200 && metrics.contentType?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains(#"aprendiz_requests_total{route="/v1/models/{name}/predict",status="200"} 3"#))
            #expect(text.contains(#"aprendiz_requests_total{route="/v1/models/{name}/predict",status="404"} 1"#))
            #expect(text.contains(#"aprendiz_request_errors_total{route="/v1/models/{name}/predict"} 1"#))
            #expect(text.contains("# TYPE aprendiz_request_duration_seconds histogram"))
            // health, ready, models, openapi.yaml and 4 predictions were answered before this scrape.
            #expect(text.contains(#"aprendiz_request_duration_seconds_bucket{le="+Inf"} 8"#), "\(text)")
            #expect(text.contains("aprendiz_request_duration_seconds_count 8"))
            // Three one-row forward passes (the warm-up is not counted as a batch).
            #expect(text.contains(#"aprendiz_batch_size_bucket{le="1.0"} 3"#) && text.contains("aprendiz_batch_size_count 3"))
        }
    }

    /// Each bad request: its status, and a one-line JSON error naming the problem (never the file's path).
    @Test func badInputIsA4xxWithAOneLineError() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let cases: [(model: String, body: String, status: Int, message: String)] = [
            ("iris", #"{"inputs": [[1, 2, 3]]}"#, 422, "inputs[0] has 3 values; model 'iris' expects 4"),
            ("iris", #"{"inputs": [[1, 2, 3, 4], [1, 2, 3, 4, 5]]}"#, 422, "inputs[1] has 5 values"),
            ("iris", #"{"inputs": [[1, "a", 3, 4]]}"#, 400, "inputs[0][1] is not a number"),
            ("iris", #"{"inputs": [[1, null, 3, 4]]}"#, 400, "inputs[0][1] is not a number"),
            ("iris", #"{"inputs": [[1, 2, 3, "NaN"]]}"#, 400, "inputs[0][3] is not a number"),
            ("iris", #"{"inputs": [[1, 2, 3, NaN]]}"#, 400, "not valid JSON"),
            ("iris", #"{"inputs": [[1, 2, 3, 1e300]]}"#, 400, "inputs[0][3] is not a finite number"),
            ("iris", #"{"inputs": []}"#, 400, "inputs is empty"),
            ("iris", #"{"inputs": [1, 2, 3, 4]}"#, 400, "inputs[0] must be a list of numbers"),
            ("iris", #"{"inputs": "x"}"#, 400, "inputs must be a list of rows"),
            ("iris", #"{"input": [[1, 2, 3, 4]]}"#, 400, "no 'inputs' field"),
            ("iris", #"{"rows": [[1, 2, 3, 4]]}"#, 400, "rows[0] must be an object keyed by column name"),
            ("iris", #"{"inputs": [[1, 2, 3, 4]], "rows": [{}]}"#, 400, "both 'inputs' and 'rows'"),
            ("iris", #"[[1, 2, 3, 4]]"#, 400, "must be a JSON object"),
            ("iris", #"{"inputs": [[1, 2, 3, 4]"#, 400, "not valid JSON"),
            ("iris", "", 400, "not valid JSON"),
            ("setosa", #"{"inputs": [[1, 2, 3, 4]]}"#, 404, "no model named 'setosa'; loaded: iris"),
            ("iris", #"{"inputs": [["# + String(repeating: "1.0, ", count: 300) + "1]]}", 413,
             "the body is over the 1000-byte limit (--max-body)"),
        ]
        try await withLiveServer(try server(fixture, maxBody: 1000)) { client in
            for (model, body, status, message) in cases {
                let response = try await client.post("/v1/models/\(model)/predict", body)
                #expect(response.status == status, "\(body.prefix(60)): \(response.status) \(response.text)")
                let error = try response.json()["error"] as? String ?? ""
                #expect(error.contains(message), "\(body.prefix(60)): \(response.text)")
                #expect(response.text.split(separator: "\n").count == 1 && !response.text.contains(fixture.folder.path))
            }
            let route = try await client.get("/v2/anything")
            try #expect(route.status == 404 && (try route.json())["error"] as? String == "no route GET /v2/anything")
            // The server still answers after all of that.
            let ok = try await client.post("/v1/models/iris/predict", #"{"inputs": [[5.1, 3.5, 1.4, 0.2]]}"#)
            #expect(ok.status == 200)
        }
    }

    /// Concurrent clients each get the answer for their own row (batched with the others).
    @Test func concurrentClientsGetTheirOwnRows() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let rows = 0..<40
        let expected = predictedClasses(fixture.libraryOutputs(0..<150))
        let server = try server(fixture)
        try await withLiveServer(server) { client in
            let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for i in rows {
                    let row = i * 150 / rows.count
                    let body = String(decoding: try JSONSerialization.data(withJSONObject: ["inputs": fixture.rows(row..<row + 1)]), as: UTF8.self)
                    group.addTask {
                        let response = try await client.post("/v1/models/iris/predict", body)
                        return (row, try #require((try response.json())["predictions"] as? [Int]).first ?? -1)
                    }
                }
                var answers: [Int: Int] = [:]
                for try await (row, predicted) in group { answers[row] = predicted }
                return answers
            }
            #expect(answers.count == rows.count)
            for (row, predicted) in answers { #expect(predicted == expected[row], "row \(row)") }
        }
    }

    @Test func aModelFileThatDoesNotLoadIsRefusedAtStart() throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let missing = fixture.folder.appendingPathComponent("none.safetensors").path
        #expect(throws: ModelMetadataError.missingFile(missing)) {
            try ModelServer(configuration: ServerConfiguration(models: [.init(name: "x", path: missing)]))
        }
        #expect(throws: ServerConfigurationError.self) {
            try ModelServer(configuration: ServerConfiguration(models: [.init(name: "a", path: fixture.path), .init(name: "a", path: fixture.path)]))
        }
        try #expect(try ServerConfiguration.ModelEntry(parsing: "flowers=models/m.safetensors") == .init(name: "flowers", path: "models/m.safetensors"))
        try #expect(try ServerConfiguration.ModelEntry(parsing: "models/iris.safetensors") == .init(name: "iris", path: "models/iris.safetensors"))
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.ModelEntry(parsing: "a b=/tmp/m") }
    }
}
