import Foundation
import Testing
@testable import AprendizData
import AprendizTestSupport

/// `Table.readCSV` against Python's csv module (tokenising: quotes, escapes, embedded newlines, CRLF, BOM, blank
/// lines, ragged rows) and pandas' `read_csv` (column types, numbers, decimal commas, missing markers), from
/// Tools/fixtures/generate_csv_tables.py; each table read with 1 thread and with many small chunks.
@Suite struct TableTests {
    struct Column: Decodable {
        let kind: String
        let values: [JSONValue]
    }

    struct Case: Decodable {
        let name: String
        let text: String
        let delimiter: String
        let decimal: String
        let header: [String]
        let rows: [[String]]
        let columns: [String: Column]
    }

    struct Broken: Decodable {
        let name: String
        let text: String
        let line: Int?
    }

    struct Fixture: Decodable {
        let cases: [Case]
        let broken: [Broken]
    }

    static let fixture = try! JSONDecoder().decode(
        Fixture.self, from: Data(contentsOf: ReferenceFixture.fixtureURL("csv_tables.json")))

    static func options(_ item: Case, threads: Int) -> CSVReadOptions {
        CSVReadOptions(delimiter: nil, decimalSeparator: Character(item.decimal), threads: threads)
    }

    @Test(arguments: fixture.cases.map(\.name))
    func matchesPythonAndPandas(_ name: String) throws {
        let item = Self.fixture.cases.first { $0.name == name }!
        let table = try Table.readCSV(text: item.text, options: Self.options(item, threads: 1))
        #expect(table.columnNames == item.header)
        #expect(table.rowCount == item.rows.count)
        for (index, column) in table.columns.enumerated() {
            let reference = try #require(item.columns[column.name])
            #expect(column.kind.rawValue == reference.kind, "column \(column.name)")
            switch column.values {
            case .numeric(let values):
                let expected = reference.values.map { $0.float ?? .nan }
                #expect(zip(values, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(values) vs \(expected)")
            case .categorical, .boolean:
                // The text as csv.reader splits it; missing markers are nil.
                let texts = column.texts
                for (row, cells) in item.rows.enumerated() where texts[row] != nil {
                    if case .categorical = column.values { #expect(texts[row] == cells[index]) }
                    else { #expect(texts[row] == cells[index].lowercased()) }
                }
                #expect(texts.map { $0 == nil } == reference.values.map { if case .null = $0 { true } else { false } })
            case .missing:
                break
            }
        }
    }

    @Test func brokenTablesNameTheRecordsLine() {
        for item in Self.fixture.broken {
            #expect {
                _ = try Table.readCSV(text: item.text, path: "t.csv")
            } throws: { error in
                guard let error = error as? NumericTableError else { return false }
                switch error.reason {
                case .wrongFieldCount(let line, _, _): return line == item.line
                case .malformed(let line, _): return item.line == nil && line == 3  // the unclosed quote opens on line 3
                default: return false
                }
            }
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: NumericTableError(path: "e.csv", reason: .emptyFile)) { try Table.readCSV(text: "", path: "e.csv") }
    }

    @Test func overridesAndIgnoredColumns() throws {
        let text = "zip;city;price;id\n1000;Lisboa;1,5;7\n4000;Porto;2,25;8\n1000;;NA;9\n"
        let table = try Table.readCSV(text: text, options: CSVReadOptions(decimalSeparator: ",", categorical: ["zip"], ignored: ["id"]))
        #expect(table.columnNames == ["zip", "city", "price"])
        #expect(try table.column(named: "zip").values == .categorical(categories: ["1000", "4000"], codes: [0, 1, 0]))
        #expect(try table.column(named: "city").values == .categorical(categories: ["Lisboa", "Porto"], codes: [0, 1, -1]))
        let price = try table.column(named: "price").floats!
        #expect(price[0] == 1.5 && price[1] == 2.25 && price[2].isNaN)
        #expect(throws: NumericTableError(path: "<memory>", reason: .missingColumn("nope", available: ["a"]))) {
            try Table.readCSV(text: "a\n1\n", options: CSVReadOptions(ignored: ["nope"]))
        }
    }

    /// Text targets become sorted class indices; with `encodable`, text features become category codes and missing
    /// cells NaN (the inputs of OneHotEncoder and SimpleImputer); without it they are errors naming the column.
    @Test func labeledTablesForTraining() throws {
        let table = try Table.readCSV(text: "x,cidade,ok,y\n1,Porto,true,b\n2,Lisboa,false,a\nNA,Porto,true,b\n", path: "t.csv")
        let encodable = try table.labeled(target: "y", encodable: true)
        #expect(encodable.featureNames == ["x", "cidade", "ok"])
        #expect(encodable.classNames == ["a", "b"] && encodable.targets.scalars == [1, 0, 1])
        let f = encodable.features.scalars
        #expect(f[0] == 1 && f[1] == 1 && f[2] == 1 && f[3] == 2 && f[4] == 0 && f[5] == 0 && f[6].isNaN && f[7] == 1)
        #expect(encodable.featureCategories! == [nil, ["Lisboa", "Porto"], nil])
        #expect(try table.labeled(target: "y", classNames: ["b", "a"], encodable: true).targets.scalars == [0, 1, 0])
        #expect(throws: NumericTableError(path: "t.csv", reason: .missingCells(column: "x", count: 1))) {
            try table.labeled(target: "y")
        }
        let text = try Table.readCSV(text: "x,cidade,y\n1,2,b\n2,Porto,a\n", path: "t.csv")
        #expect(throws: NumericTableError(path: "t.csv", reason: .textInColumn(line: 3, column: "cidade", value: "Porto"))) {
            try text.labeled(target: "y")
        }
        #expect(throws: NumericTableError(path: "t.csv", reason: .unknownClass(column: "y", value: "b", known: ["a"]))) {
            try table.labeled(target: "y", classNames: ["a"], encodable: true)
        }
    }

    @Test func detectsDelimiters() throws {
        #expect(try Table.readCSV(text: "a;b\n1;2\n").columnNames == ["a", "b"])
        #expect(try Table.readCSV(text: "a\tb\n1\t2\n").columnNames == ["a", "b"])
        #expect(try Table.readCSV(text: "\"x;y\",b\n1,2\n").columnNames == ["x;y", "b"])  // ; inside quotes
        #expect(try Table.readCSV(text: "only\n1\n").columnNames == ["only"])
    }

    /// Many small chunks (threads: 8 on any machine, 1 KB chunks) give the same table as one chunk, quoted newlines included;
    /// the ragged last record is on line 1 (header) + 40 000 rows + 5 715 extra lines (rows 0, 7, …, 39 998) + 1.
    @Test func parallelChunksGiveTheSameTable() throws {
        var text = "id,name,value\n"
        for row in 0..<40_000 {
            let name = row % 7 == 0 ? "\"line\nbreak, \"\"\(row)\"\"\"" : "n\(row % 13)"
            text += "\(row),\(name),\(Float(row) * 0.25)\n"
        }
        var small = CSVReadOptions(threads: 8)
        small.minimumChunkBytes = 1 << 10
        let one = try Table.readCSV(text: text, options: CSVReadOptions(threads: 1))
        let many = try Table.readCSV(text: text, options: small)
        #expect(one.rowCount == 40_000)
        #expect(one == many)
        let broken = text + "1,2\n"
        #expect(throws: NumericTableError(path: "<memory>", reason: .wrongFieldCount(line: 1 + 40_000 + 5_715 + 1, expected: 3, actual: 2))) {
            try Table.readCSV(text: broken, options: small)
        }
    }
}
