import AprendizTensor
import AprendizTestSupport
import Foundation
import Testing

@Suite struct DescriptionTests {
    struct Fixture: Decodable {
        struct Case: Decodable { let shape: [Int]; let data: [Float]; let str: String }
        let cases: [Case]
    }

    /// `description` against NumPy's `str(array)` (Tools/fixtures/generate_printing.py).
    @Test func printsLikeNumPy() throws {
        let data = try Data(contentsOf: ReferenceFixture.fixtureURL("printing.json"))
        for c in try JSONDecoder().decode(Fixture.self, from: data).cases {
            #expect(Tensor(shape: c.shape, scalars: c.data).description == c.str)
        }
    }
}
