import AprendizData
import AprendizTensor
import AprendizTestSupport
import Foundation
import Testing

/// `TableEncoding` against scikit-learn's `ColumnTransformer` (SimpleImputer on numbers; most-frequent
/// SimpleImputer then OneHotEncoder(handle_unknown="ignore") on text), Tools/fixtures/generate_table_encoding.py.
@Suite struct TableEncodingTests {
    let fixture = try! JSONFixture("table_encoding.json")

    private func source() throws -> TableEncoding.Source {
        try Table.readCSV(text: fixture["text"].string, path: "mix.csv", options: CSVReadOptions(decimalSeparator: ","))
            .encodableFeatures(excluding: "classe")
    }

    @Test func matchesColumnTransformerForEveryStrategy() throws {
        let source = try source()
        let fitRows = fixture["fitRows"].int
        for item in fixture["cases"].array {
            let strategy = try #require(MissingValueStrategy(rawValue: item["strategy"].string))
            let encoding = try TableEncoding.fit(source, rows: Array(0..<fitRows), missing: strategy)
            #expect(encoding.featureNames == item["featureNames"].array.map(\.string))
            let encoded = try encoding.encode(source)
            expectClose(encoded.features, item["encoded"].tensor, absolute: 1e-5)
            #expect(encoded.unknownCells == 1)  // "Faro", outside the fitted rows
        }
    }

    @Test func columnsAreMatchedByNameAndTheEncodingSurvivesJSON() throws {
        let source = try source()
        let encoding = try TableEncoding.fit(source, rows: Array(0..<9), missing: .median)
        let shuffled = try Table.readCSV(text: "renda;ativo;cidade;idade\n5,5;true;Lisboa;34\nNA;false;Porto;51\n",
                                         options: CSVReadOptions(decimalSeparator: ",")).encodableFeatures()
        let decoded = try JSONDecoder().decode(TableEncoding.self, from: JSONEncoder().encode(encoding))
        #expect(decoded == encoding)
        expectClose(try decoded.encode(shuffled).features, try encoding.encode(source).features[0..<2], absolute: 1e-6)
    }

    @Test func missingCellsWithoutAStrategyNameTheColumn() throws {
        #expect(throws: NumericTableError(path: "mix.csv", reason: .missingCells(column: "cidade", count: 2))) {
            try TableEncoding.fit(try source(), rows: Array(0..<9), missing: nil)
        }
        let complete = try TableEncoding.fit(try source(), rows: [0, 3, 4, 5, 7, 9], missing: nil)
        // Row 2 (the first one outside the fit with a hole) misses its city.
        #expect(throws: NumericTableError(path: "mix.csv", reason: .missingCells(column: "cidade", count: 1))) {
            try complete.encode(try source())
        }
        let narrow = try Table.readCSV(text: "idade;renda\n1;2\n", options: CSVReadOptions(decimalSeparator: ",")).encodableFeatures()
        #expect(throws: NumericTableError.self) { try complete.encode(narrow) }
    }
}
