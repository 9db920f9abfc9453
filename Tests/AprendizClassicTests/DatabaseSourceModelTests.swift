import Aprendiz
import Foundation
import Testing

/// "SQLite and PostgreSQL sources give the same model as the same rows read from CSV" (issue 25): iris read from
/// its CSV file, from a SQLite table and from a PostgreSQL table written from it, each fitted by logistic regression;
/// the three fitted models are equal, coefficient for coefficient.
@Suite struct DatabaseSourceModelTests {
    static let postgres = ProcessInfo.processInfo.environment["APRENDIZ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether `read` fails only because its client library is absent.
    static func libraryMissing(_ read: () throws -> Void) -> Bool {
        do { try read() } catch let error as SQLiteError { if case .libraryMissing = error.reason { return true } } catch let error as PostgresError {
            if case .libraryMissing = error.reason { return true }
        } catch {}
        return false
    }
    static let hasSQLite = !libraryMissing { _ = try Table.query(sqlite: "/nonexistent.db", "SELECT 1") }
    static let hasPostgres = postgres != nil && !libraryMissing { _ = try Table.query(postgres: "host=/nonexistent", "SELECT 1") }

    static func model(_ table: Table) throws -> LogisticModel {
        let data = try table.labeled(target: "target")
        return try LogisticRegression(maximumIterations: 500).fit(data.features, data.targets)
    }

    @Test(.enabled(if: hasSQLite, "needs libsqlite3"))
    func sqliteGivesTheCSVModel() throws {
        let csv = try Table.readCSV(BundledDataset.iris.url)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-iris-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try csv.write(sqlite: path, table: "iris")
        let fromSQLite = try Table.read(sqlite: path, table: "iris")
        #expect(fromSQLite.rowCount == 150)
        #expect(try Self.model(fromSQLite) == Self.model(csv))
    }

    @Test(.enabled(if: hasPostgres, "needs libpq5 and a server in APRENDIZ_TEST_POSTGRES (.ci/run starts one)"))
    func postgresGivesTheCSVModel() throws {
        let url = try #require(Self.postgres)
        let csv = try Table.readCSV(BundledDataset.iris.url)
        let name = "aprendiz_iris_" + UUID().uuidString.prefix(8).lowercased()
        try csv.write(postgres: url, table: name)
        defer { _ = try? Table.query(postgres: url, "DROP TABLE \(name)") }
        let fromPostgres = try Table.query(postgres: url, "SELECT * FROM \(name) ORDER BY ctid")
        #expect(fromPostgres.rowCount == 150)
        let model = try Self.model(fromPostgres)
        #expect(model == (try Self.model(csv)))
        #expect(model.coefficients.shape == [3, 4])
    }
}
