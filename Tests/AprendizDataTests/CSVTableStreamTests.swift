import Foundation
import Testing
@testable import AprendizData

/// Streaming a CSV file in chunks: the same rows, types and category codes as reading it whole, in bounded pieces.
@Suite struct CSVTableStreamTests {
    /// 3 000 rows; `cidade` turns from numbers to text after the first chunks (a postal-code-like column), `nota`
    /// is all missing early on, `ativo` is boolean with gaps, a quoted field holds a line break.
    static func text(rows: Int = 3000) -> String {
        var lines = ["id;cidade;nota;ativo;especie"]
        for i in 0..<rows {
            let city = i < 1500 ? "\(1000 + i % 7)" : ["Lisboa", "Porto", "\"São\nPaulo\""][i % 3]
            let grade = i < 1000 ? "NA" : "\(i % 10),\(i % 4)"
            let active = i % 11 == 0 ? "" : (i % 2 == 0 ? "true" : "False")
            lines.append("\(i);\(city);\(grade);\(active);\(["setosa", "virginica"][i % 2])")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func withFile<T>(_ text: String, _ body: (URL) throws -> T) throws -> T {
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("vendas.csv")
            try Data(text.utf8).write(to: url)
            return try body(url)
        }
    }

    @Test func chunksGiveTheRowsOfTheWholeFile() throws {
        let options = CSVReadOptions(decimalSeparator: ",")
        try Self.withFile(Self.text()) { url in
            let whole = try Table.readCSV(url, options: options)
            let stream = try CSVTableStream(url, options: options, chunkBytes: 4096)
            #expect(stream.rowCount == 3000)
            #expect(stream.columns.map(\.kind) == whole.columns.map(\.kind))
            var parts: [Table] = []
            try stream.forEachChunk { parts.append($0) }
            #expect(parts.count > 10)
            for (index, column) in whole.columns.enumerated() {
                #expect(Self.concatenated(parts.map { $0.columns[index].values }) == column.values, "\(column.name)")
                if case .categorical(let categories, _) = column.values { #expect(stream.columns[index].categories == categories) }
            }
            // Bounded memory: every chunk held about 4 KB of records (a record is ≤ 40 bytes), never the 90 KB file.
            #expect(stream.largestChunkBytes <= 4096 + 64)
            #expect(stream.largestChunkRows <= 4096 / 20)
        }
    }

    @Test func errorsNameTheLineInTheWholeFile() throws {
        var lines = Self.text(rows: 400).components(separatedBy: "\r\n")
        lines[301] = "300;Porto;1,5;true"  // line 302 of the file: 4 fields
        try Self.withFile(lines.joined(separator: "\n")) { url in
            #expect(throws: NumericTableError(path: url.path, reason: .wrongFieldCount(line: 302, expected: 5, actual: 4))) {
                _ = try CSVTableStream(url, options: CSVReadOptions(decimalSeparator: ","), chunkBytes: 1024)
            }
        }
        try Self.withFile("") { url in
            #expect(throws: NumericTableError(path: url.path, reason: .emptyFile)) { _ = try CSVTableStream(url) }
        }
        try Self.withFile("a,b\n") { url in
            let stream = try CSVTableStream(url)
            #expect(stream.rowCount == 0 && stream.columns.map(\.name) == ["a", "b"])
        }
    }

    /// The chunks' values of one column, one after the other (nil when their kinds or categories differ).
    static func concatenated(_ pieces: [TableColumn.Values]) -> TableColumn.Values? {
        switch pieces.first {
        case .numeric: .numeric(pieces.flatMap { piece -> [Float] in if case .numeric(let v) = piece { v } else { [] } })
        case .boolean: .boolean(pieces.flatMap { piece -> [Bool?] in if case .boolean(let v) = piece { v } else { [] } })
        case .categorical(let categories, _):
            .categorical(categories: categories, codes: pieces.flatMap { piece -> [Int32] in
                if case .categorical(let c, let k) = piece, c == categories { k } else { [-2] }
            })
        default: nil
        }
    }
}
