import Foundation
import Testing
import AprendizData

/// CSV tables of numbers: parsing, line numbers in errors, the target split.
@Suite struct NumericTableTests {
    static func reason(_ csv: String) -> NumericTableError.Reason? {
        do {
            _ = try NumericTable(csv: csv, path: "t.csv")
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func parsesHeaderAndRowMajorValues() throws {
        let table = try NumericTable(csv: "a,b,c\n1,2,3\n4.5,-6,7e-1\n")
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(table.rowCount == 2)
        #expect(table.columnCount == 3)
        #expect(table.values == [1, 2, 3, 4.5, -6, 0.7])
    }

    @Test func acceptsQuotesSpacesCRLFBlankLinesAndNoFinalNewline() throws {
        let csv = "\"x\", \"y, with comma\"\r\n\" 1.5\",2\r\n\r\n  3 ,\"-4\"\r\n\n5,6"
        let table = try NumericTable(csv: csv)
        #expect(table.columnNames == ["x", "y, with comma"])
        #expect(table.values == [1.5, 2, 3, -4, 5, 6])
    }

    @Test func headerOnlyGivesEmptyTable() throws {
        let table = try NumericTable(csv: "a,b\n")
        #expect(table.rowCount == 0)
        #expect(table.columnNames == ["a", "b"])
    }

    @Test func reportsNonNumericCellWithLineAndColumn() {
        #expect(Self.reason("a,b\n1,2\n3,abc\n") == .notANumber(line: 3, column: "b", value: "abc"))
        #expect(Self.reason("a,b\n1,nan\n") == .notANumber(line: 2, column: "b", value: "nan"))
        #expect(Self.reason("a,b\n1,inf\n") == .notANumber(line: 2, column: "b", value: "inf"))
        #expect(Self.reason("a,b\n1,1e39\n") == .notANumber(line: 2, column: "b", value: "1e39"))  // > Float.max
        let error = NumericTableError(path: "iris.csv", reason: .notANumber(line: 17, column: "petal_width", value: "abc"))
        #expect(error.description == "CSV file 'iris.csv', line 17, column 'petal_width': \"abc\" is not a finite number")
    }

    @Test func countsEveryPhysicalLineOfQuotedMultilineFields() throws {
        // Lines: 1–2 header (a quoted name holding a newline), 3 "1,2", 4 blank, 5–6 a quoted cell "4⏎" (a number
        // once trimmed), 7 "3,x".
        let csv = "\"first\ncolumn\",b\n1,2\n\n\"4\n\",5\n3,x\n"
        #expect(Self.reason(csv) == .notANumber(line: 7, column: "b", value: "x"))
        let valid = try NumericTable(csv: csv.replacingOccurrences(of: "3,x", with: "3,8"))
        #expect(valid.values == [1, 2, 4, 5, 3, 8])
        #expect(Self.reason("a,b\r\n1,2\r\n3,x\r\n") == .notANumber(line: 3, column: "b", value: "x"))
    }

    @Test func reportsEmptyCells() {
        #expect(Self.reason("a,b,c\n1,,3\n") == .emptyCell(line: 2, column: "b"))
        #expect(Self.reason("a,b,c\n1,2,\n") == .emptyCell(line: 2, column: "c"))
        #expect(Self.reason("a,b,c\n1,2,") == .emptyCell(line: 2, column: "c"))  // no final newline
        #expect(Self.reason("a,b\n1,   \n") == .emptyCell(line: 2, column: "b"))
    }

    @Test func reportsWrongFieldCount() {
        #expect(Self.reason("a,b,c\n1,2,3\n4,5\n") == .wrongFieldCount(line: 3, expected: 3, actual: 2))
        #expect(Self.reason("a,b\n1,2,3\n") == .wrongFieldCount(line: 2, expected: 2, actual: 3))
    }

    @Test func reportsEmptyFileBlankHeaderDuplicatesAndBadQuotes() {
        #expect(Self.reason("") == .emptyFile)
        #expect(Self.reason(" \n\n") == .emptyFile)
        #expect(Self.reason("\na,b\n1,2\n") == .emptyHeader)
        #expect(Self.reason("a,b,a\n1,2,3\n") == .duplicateColumn("a"))
        guard case .malformed(let line, _) = Self.reason("a,b\n1,2\n3,4\"x\n") else {
            Issue.record("a stray quote was not reported")
            return
        }
        #expect(line == 3)
    }

    @Test func splitsTargetColumn() throws {
        let table = try NumericTable(csv: "x1,label,x2\n1,0,2\n3,1,4\n5,2,6\n", path: "data.csv")
        let (features, target) = try table.split(target: "label")
        #expect(features.columnNames == ["x1", "x2"])
        #expect(features.values == [1, 2, 3, 4, 5, 6])
        #expect(features.rowCount == 3)
        #expect(target == [0, 1, 2])
        #expect(try table.column(named: "x2") == [2, 4, 6])
    }

    @Test func missingTargetListsAvailableColumns() throws {
        let table = try NumericTable(csv: "x1,x2\n1,2\n", path: "data.csv")
        #expect(throws: NumericTableError(path: "data.csv", reason: .missingColumn("y", available: ["x1", "x2"]))) {
            try table.split(target: "y")
        }
        let error = NumericTableError(path: "data.csv", reason: .missingColumn("y", available: ["x1", "x2"]))
        #expect(error.description == "CSV file 'data.csv': no column 'y' (columns: 'x1', 'x2')")
    }

    @Test func readsFilesAndNamesThemInErrors() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let url = directory.appendingPathComponent("bad.csv")
            try Data("a,b\n1,2\n3,?\n".utf8).write(to: url)
            #expect(throws: NumericTableError(path: url.path, reason: .notANumber(line: 3, column: "b", value: "?"))) {
                try NumericTable(contentsOf: url)
            }
            let tsv = directory.appendingPathComponent("good.tsv")
            try Data("a\tb\n1\t2\n".utf8).write(to: tsv)
            #expect(try NumericTable(contentsOf: tsv, delimiter: "\t").values == [1, 2])
        }
        #expect {
            try NumericTable(contentsOf: URL(fileURLWithPath: "/nonexistent/x.csv"))
        } throws: { error in
            guard let error = error as? NumericTableError, case .unreadable = error.reason else { return false }
            return error.path == "/nonexistent/x.csv"
        }
    }

    /// The iris data bundled with the package (exported from scikit-learn's `load_iris`): 150 rows, 4 features
    /// plus `target`; first row 5.1,3.5,1.4,0.2,0 and last 5.9,3.0,5.1,1.8,2 as in scikit-learn.
    @Test func readsIris() throws {
        let table = try NumericTable(contentsOf: BundledDataset.iris.url)
        let (features, target) = try table.split(target: "target")
        #expect(features.rowCount == 150 && features.columnCount == 4)
        #expect(Array(features.values.prefix(4)) == [5.1, 3.5, 1.4, 0.2])
        #expect(Array(features.values.suffix(4)) == [5.9, 3.0, 5.1, 1.8])
        #expect(target.first == 0 && target.last == 2)
        #expect(Set(target) == [0, 1, 2])
    }
}
