import AprendizServing
import Foundation
import Testing

/// The hand-written response JSON reads back as what `JSONEncoder` (sorted keys) writes for the same answer.
@Suite struct ResponseJSONTests {
    static func parsed(_ bytes: some Sequence<UInt8>) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func sameAsJSONEncoder() throws {
        let answers = [
            PredictionResponse(model: "iris \"v2\"", task: .classification, predictions: .classes([0, 2]),
                               labels: ["set\\osa", "vír\tginica\u{1}"], probabilities: [[0.97, 0.02, 0.01], [1e-7, 0.1, 0.8999999]]),
            PredictionResponse(model: "housing", task: .regression, predictions: .values([2.31, -1.07e12, 0, 3.4028235e38])),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for answer in answers {
            let ours = answer.json(), reference = try encoder.encode(answer)
            #expect(ours.last == 0x0A && ours.filter { $0 == 0x0A }.count == 1)
            let a = try Self.parsed(ours), b = try Self.parsed(reference)
            #expect(a.keys.sorted() == b.keys.sorted())
            #expect(a["model"] as? String == b["model"] as? String && a["task"] as? String == b["task"] as? String)
            #expect(a["labels"] as? [String] == b["labels"] as? [String])
            #expect((a["predictions"] as? [Double])?.map(Float.init) == (b["predictions"] as? [Double])?.map(Float.init))
            #expect((a["probabilities"] as? [[Double]])?.map { $0.map(Float.init) } == (b["probabilities"] as? [[Double]])?.map { $0.map(Float.init) })
            // Keys in the same (sorted) order.
            let keys = ["\"labels\"", "\"model\"", "\"predictions\"", "\"probabilities\"", "\"task\""]
            let text = String(decoding: ours, as: UTF8.self), referenceText = String(decoding: reference, as: UTF8.self)
            #expect(keys.compactMap { text.range(of: $0)?.lowerBound.utf16Offset(in: text) }.sorted()
                    == keys.compactMap { text.range(of: $0)?.lowerBound.utf16Offset(in: text) })
            #expect(keys.filter { text.contains($0) } == keys.filter { referenceText.contains($0) })
        }
    }
}
