import Foundation
import Testing
@testable import AprendizData

/// The PostgreSQL server the tests use: `APRENDIZ_TEST_POSTGRES` (a libpq URL; `.ci/run` starts a throw-away
/// cluster and sets it). Without it, or without libpq, the suites are skipped (and say why).
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["APRENDIZ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let isAvailable = url != nil && PostgresLibrary.shared != nil

    /// Runs `body` with a fresh table name, dropped afterwards.
    static func withTableName(_ body: (String, String) throws -> Void) throws {
        let url = try #require(url)
        let name = "aprendiz_test_" + UUID().uuidString.prefix(8).lowercased()
        defer { _ = try? PostgresConnection(url).run("DROP TABLE IF EXISTS \(name)") }
        try body(url, name)
    }
}

/// PostgreSQL sources: the same rows give the same typed table from PostgreSQL as from a CSV file (and SQLite).
@Suite(.enabled(if: PostgresTestServer.isAvailable,
                "needs libpq5 and a server in APRENDIZ_TEST_POSTGRES (.ci/run starts one)"))
struct PostgresTableTests {
    static let rows = [
        "(34, 1.75, 'Lisboa', true, 7.5, 'setosa')",
        "(41, 1.62, 'Porto', false, NULL, 'virginica')",
        "(29, 1.8, 'São Paulo', true, 9.25, 'setosa')",
        "(52, 1.7, 'Lisboa', NULL, 6, 'versicolor')",
    ]

    @Test func givesTheSameTableAsTheCSV() throws {
        try PostgresTestServer.withTableName { url, name in
            let connection = try PostgresConnection(url)
            try connection.run("CREATE TABLE \(name) (idade INTEGER, altura DOUBLE PRECISION, cidade TEXT, ativo BOOLEAN, nota NUMERIC, especie VARCHAR(20))")
            try connection.run("INSERT INTO \(name) VALUES " + Self.rows.joined(separator: ", "))
            let fromCSV = try Table.readCSV(text: SQLiteTableTests.csv)
            let fromPostgres = try Table.read(postgres: url, table: name)
            #expect(fromPostgres.columnNames == fromCSV.columnNames)
            #expect(fromPostgres.columns.map(\.values) == fromCSV.columns.map(\.values))
            #expect(try fromPostgres.column(named: "ativo").values == .boolean([true, false, true, nil]))
            #expect(try fromPostgres.column(named: "nota").values == .numeric([7.5, .nan, 9.25, 6]))

            let query = try Table.query(postgres: url, "SELECT idade, especie FROM \(name) WHERE idade > 30 ORDER BY idade",
                                        options: CSVReadOptions(categorical: ["idade"]))
            #expect(query.rowCount == 3)
            #expect(try query.column(named: "idade").values == .categorical(categories: ["34", "41", "52"], codes: [0, 1, 2]))
        }
    }

    /// Numbers arrive as decimal text and are rounded to Float once, as a CSV cell's are: 0.1 + 0.2 as float8 is
    /// 0.30000000000000004, whose Float is 0.3's; float4 values read back exactly.
    @Test func numbersRoundLikeTheCSVReader() throws {
        try PostgresTestServer.withTableName { url, _ in
            let table = try Table.query(postgres: url, "SELECT 0.1::float8 + 0.2::float8 AS a, 16777217::int8 AS b, 3.4e38::float4 AS c, 'NaN'::float8 AS d")
            #expect(table.columns.map(\.values) == [.numeric([0.3]), .numeric([16777216]), .numeric([3.4e38]), .missing(count: 1)])
        }
    }

    @Test func streamsManyRows() throws {
        try PostgresTestServer.withTableName { url, _ in
            let table = try Table.query(postgres: url, "SELECT i, i % 3 = 0 AS tres, 'c' || (i % 5) AS classe FROM generate_series(1, 20000) AS i")
            #expect(table.rowCount == 20000)
            #expect(try table.column(named: "i").floats?.reduce(0.0) { $0 + Double($1) } == Double(20000 * 20001 / 2))
            #expect(try table.column(named: "tres").kind == .boolean)
            #expect(try table.column(named: "classe").values == .categorical(
                categories: ["c0", "c1", "c2", "c3", "c4"], codes: (1...20000).map { Int32($0 % 5) }))
        }
    }

    @Test func writesATableThatReadsBackEqual() throws {
        try PostgresTestServer.withTableName { url, name in
            let table = try Table.readCSV(text: SQLiteTableTests.csv)
            try table.write(postgres: url, table: name)
            let back = try Table.read(postgres: url, table: name)
            #expect(back.columnNames == table.columnNames)
            #expect(back.columns.map(\.values) == table.columns.map(\.values))
            #expect(throws: PostgresError.self) { try table.write(postgres: url, table: name) }
        }
    }

    @Test func namesTheProblem() throws {
        try PostgresTestServer.withTableName { url, name in
            #expect(throws: PostgresError(source: url, reason: .query("relation \"\(name)\" does not exist"))) {
                try Table.read(postgres: url, table: name)
            }
            #expect(throws: PostgresError(source: url, reason: .query("syntax error at or near \"SELEC\""))) {
                try Table.query(postgres: url, "SELEC 1")
            }
            #expect(throws: PostgresError(source: url, reason: .missingColumn("x", available: ["a"]))) {
                try Table.query(postgres: url, "SELECT 1 AS a", options: CSVReadOptions(ignored: ["x"]))
            }
        }
    }
}

/// Errors that need libpq but no server.
@Suite(.enabled(if: PostgresLibrary.shared != nil, "needs libpq5"))
struct PostgresErrorTests {
    @Test func aRefusedConnectionNamesTheServerWithoutItsPassword() throws {
        let url = "postgres://ana:segredo@127.0.0.1:1/loja?connect_timeout=2"
        do {
            _ = try Table.query(postgres: url, "SELECT 1")
            Issue.record("connected to port 1")
        } catch {
            guard case .cannotConnect(let message) = error.reason else { Issue.record("\(error)"); return }
            #expect(message.contains("127.0.0.1") || message.contains("refused"))
            #expect(error.description.hasPrefix("PostgreSQL source 'postgres://ana:***@127.0.0.1:1/loja?connect_timeout=2': cannot connect: "))
            #expect(!error.description.contains("segredo"))
        }
    }

    @Test func redactsPasswords() {
        #expect(PostgresError.redacted("postgres://ana@host/db") == "postgres://ana@host/db")
        #expect(PostgresError.redacted("host=h password=x1 dbname=d") == "host=h password=*** dbname=d")
        #expect(PostgresError(source: "postgres://a@h/d", reason: .libraryMissing(["libpq.so.5"])).description
                == "PostgreSQL source 'postgres://a@h/d': no PostgreSQL client library found (tried libpq.so.5; install libpq5)")
    }
}
