import Foundation
import Testing
@testable import AprendizData

/// SQLite sources: the same rows give the same typed table from a SQLite file as from a CSV file.
@Suite(.enabled(if: SQLiteLibrary.shared != nil, "needs libsqlite3 (Debian: libsqlite3-0)"))
struct SQLiteTableTests {
    static let rows = [
        "(34, 1.75, 'Lisboa', 'true', 7.5, 'setosa')",
        "(41, 1.62, 'Porto', 'false', NULL, 'virginica')",
        "(29, 1.8, 'São Paulo', 'true', 9.25, 'setosa')",
        "(52, 1.7, 'Lisboa', NULL, 6, 'versicolor')",
    ]
    static let csv = """
        idade,altura,cidade,ativo,nota,especie
        34,1.75,Lisboa,true,7.5,setosa
        41,1.62,Porto,false,NA,virginica
        29,1.8,São Paulo,true,9.25,setosa
        52,1.7,Lisboa,,6,versicolor

        """

    static func withDatabase(_ body: (String) throws -> Void) throws {
        try FormatTestSupport.withScratchDirectory { directory in
            let path = directory.appendingPathComponent("loja.db").path
            let database = try SQLiteDatabase(path: path, writable: true)
            try database.run("CREATE TABLE clientes (idade INTEGER, altura REAL, cidade TEXT, ativo TEXT, nota REAL, especie TEXT)")
            try database.run("INSERT INTO clientes VALUES " + rows.joined(separator: ", "))
            try body(path)
        }
    }

    @Test func givesTheSameTableAsTheCSV() throws {
        try Self.withDatabase { path in
            let fromCSV = try Table.readCSV(text: Self.csv)
            let fromSQLite = try Table.read(sqlite: path, table: "clientes")
            #expect(fromSQLite.columnNames == fromCSV.columnNames)
            #expect(fromSQLite.columns.map(\.values) == fromCSV.columns.map(\.values))
            #expect(try fromSQLite.column(named: "ativo").kind == .boolean)
            #expect(try fromSQLite.column(named: "cidade").values == .categorical(categories: ["Lisboa", "Porto", "São Paulo"], codes: [0, 1, 2, 0]))

            let query = try Table.query(sqlite: path, "SELECT idade, especie FROM clientes WHERE idade > 30 ORDER BY idade",
                                        options: CSVReadOptions(categorical: ["idade"]))
            #expect(query.rowCount == 3)
            #expect(try query.column(named: "idade").values == .categorical(categories: ["34", "41", "52"], codes: [0, 1, 2]))
        }
    }

    @Test func namesTheProblem() throws {
        try Self.withDatabase { path in
            #expect(throws: SQLiteError(path: path, reason: .query("no such table: vendas"))) {
                try Table.read(sqlite: path, table: "vendas")
            }
            #expect(throws: SQLiteError(path: path, reason: .missingColumn("x", available: ["idade"]))) {
                try Table.query(sqlite: path, "SELECT idade FROM clientes", options: CSVReadOptions(ignored: ["x"]))
            }
            let error = SQLiteError(path: "loja.db", reason: .query("no such table: vendas"))
            #expect(error.description == "SQLite file 'loja.db': no such table: vendas")
        }
        #expect(throws: SQLiteError(path: "/nonexistent/x.db", reason: .cannotOpen("no such file"))) {
            try Table.read(sqlite: "/nonexistent/x.db", table: "t")
        }
    }
}
