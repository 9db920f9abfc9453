import Aprendiz
import AprendizServing
import Testing

/// Dynamic batching stacks concurrent requests into one forward pass and answers each with its own rows.
@Suite struct DynamicBatcherTests {
    @Test func concurrentRequestsShareOneForwardPass() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let model = try ServedModel(name: "iris", path: fixture.path)
        let metrics = ServingMetrics()
        // A delay far longer than the test: the batch can only run because it fills up (4 rows).
        let batcher = DynamicBatcher(model: model, maxBatch: 4, maxDelay: .seconds(60), metrics: metrics)
        let expected = fixture.libraryOutputs(0..<4)
        let outputs = try await withThrowingTaskGroup(of: (Int, Tensor).self) { group in
            for row in 0..<4 {
                group.addTask { (row, await batcher.outputs(try model.tensor(fixture.rows(row..<row + 1)))) }
            }
            var outputs: [Int: Tensor] = [:]
            for try await (row, output) in group { outputs[row] = output }
            return outputs
        }
        for row in 0..<4 {
            let output = try #require(outputs[row])
            #expect(output.shape == [1, 3])
            for k in 0..<3 { #expect(abs(output[0, k] - expected[row, k]) <= 1e-5, "row \(row) class \(k)") }
        }
        let text = metrics.prometheusText()
        #expect(text.contains("aprendiz_batch_size_count 1") && text.contains("aprendiz_batch_size_sum 4.0"))
    }

    @Test func aLoneRequestRunsAfterTheDelay() async throws {
        let fixture = try IrisFixture()
        defer { fixture.remove() }
        let model = try ServedModel(name: "iris", path: fixture.path)
        let metrics = ServingMetrics()
        let batcher = DynamicBatcher(model: model, maxBatch: 64, maxDelay: .milliseconds(2), metrics: metrics)
        let output = await batcher.outputs(try model.tensor(fixture.rows(0..<3)))
        let expected = fixture.libraryOutputs(0..<3)
        #expect(output.shape == [3, 3])
        for i in 0..<3 { for k in 0..<3 { #expect(abs(output[i, k] - expected[i, k]) <= 1e-5) } }
        #expect(metrics.prometheusText().contains("aprendiz_batch_size_count 1"))
    }
}
