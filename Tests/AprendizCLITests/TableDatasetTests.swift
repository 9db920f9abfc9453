import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI
@testable import AprendizData

/// `csv:` data sets as users have them: semicolons, decimal commas, a text column to leave out and class names as
/// the target; `predict` writes the names and matches columns by header name in any order.
@Suite(.serialized) struct TableDatasetTests {
    static let species = ["setosa", "versicolor", "virginica"]

    /// The bundled iris written as a Portuguese spreadsheet export: `;`, decimal commas, a `cidade` text column, the
    /// species by name; `reordered` puts the columns in another order and drops the species.
    static func writeIris(to folder: URL) throws -> (train: String, predict: String, labels: [Int]) {
        let iris = try BundledDataset.iris.load()
        let x = iris.inputs.scalars, y = iris.targets.scalars.map { Int($0) }
        func number(_ value: Float) -> String { "\(value)".replacingOccurrences(of: ".", with: ",") }
        var train = "\u{FEFF}sepal_length;sepal_width;petal_length;petal_width;cidade;especie\r\n"
        var predict = "petal_width;cidade;petal_length;sepal_width;sepal_length\n"
        for row in 0..<y.count {
            let f = (0..<4).map { number(x[row * 4 + $0]) }
            let city = ["Lisboa", "Porto", "\"São Paulo; SP\""][row % 3]
            train += "\(f[0]);\(f[1]);\(f[2]);\(f[3]);\(city);\(species[y[row]])\r\n"
            predict += "\(f[3]);\(city);\(f[2]);\(f[1]);\(f[0])\n"
        }
        let trainPath = folder.appendingPathComponent("iris-pt.csv").path
        let predictPath = folder.appendingPathComponent("novas.csv").path
        try Data(train.utf8).write(to: URL(fileURLWithPath: trainPath))
        try Data(predict.utf8).write(to: URL(fileURLWithPath: predictPath))
        return (trainPath, predictPath, y)
    }

    @Test func textTargetTrainsAndPredictsClassNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (train, predict, labels) = try Self.writeIris(to: folder)
        let model = folder.appendingPathComponent("iris.safetensors").path
        try runCommand(TrainCommand.self, ["--dataset", "csv:\(train):target=especie", "--decimal", ",", "--ignore", "cidade",
                                           "--hidden", "16", "--epochs", "30", "--lr", "0.01", "--seed", "3", "--save", model, "--quiet"])
        let (_, metadata) = try ModelMetadata.loadModel(model)
        #expect(metadata.classNames == Self.species)
        #expect(metadata.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])

        let output = folder.appendingPathComponent("predictions.csv").path
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", output])
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "prob_setosa,prob_versicolor,prob_virginica,predicted")
        let predicted = lines.dropFirst().map { String($0.split(separator: ",").last!) }
        #expect(predicted.count == 150)
        let correct = zip(predicted, labels).filter { $0 == Self.species[$1] }.count
        #expect(correct >= 130, "\(correct) of 150 names right")

        // evaluate maps the names to the model's classes.
        try runCommand(EvaluateCommand.self, ["--model", model, "--dataset", "csv:\(train):target=especie", "--decimal", ",",
                                              "--ignore", "cidade", "--json"])
    }

    @Test func strayTextAndMissingCellsAreClearErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = folder.appendingPathComponent("typo.csv")
        try Data("a,b,y\n1,2,0\n3,4,1\n4,x5,0\n6,7,1\n8,9,0\n".utf8).write(to: typo)
        let text = errorMessage {
            try runCommand(TrainCommand.self, ["--dataset", "csv:\(typo.path):target=y", "--epochs", "1", "--quiet"])
        }
        #expect(text?.contains("line 4, column 'b': \"x5\" is text in a column of numbers") == true, "\(text ?? "")")
        let holes = folder.appendingPathComponent("holes.csv")
        try Data("a,b,y\n1,2,0\n3,NA,1\n4,5,0\n6,7,1\n8,9,0\n".utf8).write(to: holes)
        let missing = errorMessage {
            try runCommand(TrainCommand.self, ["--dataset", "csv:\(holes.path):target=y", "--epochs", "1", "--quiet"])
        }
        #expect(missing?.contains("column 'b': 1 missing cells") == true && missing?.contains("--impute") == true, "\(missing ?? "")")
        #expect(errorMessage { _ = try TableOptions.parse(["--decimal", ";"]) } != nil)
        #expect(errorMessage { _ = try TableOptions.parse(["--decimal", ",", "--delimiter", ","]) } != nil)
        #expect(errorMessage { _ = try TableOptions.parse(["--impute", "mode"]) } != nil)
    }

    /// A text feature is one-hot encoded and missing cells are imputed (`--impute`), both learnt from the training
    /// rows and recorded in the model, so `predict` encodes a reordered table the same way and writes class names.
    @Test func textFeaturesAreOneHotEncodedAndMissingCellsImputed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (train, predict, labels) = try Self.writeIris(to: folder)
        var lines = try String(contentsOfFile: train, encoding: .utf8).components(separatedBy: "\r\n")
        for row in stride(from: 5, to: 150, by: 20) {  // a hole in sepal_width every 20 rows
            var fields = lines[row].components(separatedBy: ";")
            fields[1] = "NA"
            lines[row] = fields.joined(separator: ";")
        }
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: train))
        let model = folder.appendingPathComponent("iris.safetensors").path
        try runCommand(TrainCommand.self, ["--model", "logistic-regression", "--dataset", "csv:\(train):target=especie", "--decimal", ",",
                                           "--impute", "median", "--save", model, "--quiet", "--report", folder.appendingPathComponent("r").path])
        let (_, metadata) = try #require(try ClassicFit.load(model))
        let encoding = try #require(metadata.encoding)
        #expect(encoding.missing == .median)
        #expect(metadata.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width",
                                          "cidade=Lisboa", "cidade=Porto", "cidade=São Paulo; SP"])
        #expect(metadata.inputShape == [7])

        let output = folder.appendingPathComponent("predictions.csv").path
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", output])
        let predicted = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.split(separator: ",").last!) }
        let correct = zip(predicted, labels).filter { $0 == Self.species[$1] }.count
        #expect(correct >= 135, "\(correct) of 150 names right")
        try runCommand(EvaluateCommand.self, ["--model", model, "--dataset", "csv:\(train):target=especie", "--decimal", ",", "--json"])
    }

    /// `predict --output sqlite:FILE.db:TABLE` writes the same rows as the CSV output, as a new table; an existing
    /// table is an error that leaves it as it was.
    @Test(.enabled(if: SQLiteLibrary.shared != nil, "needs libsqlite3"))
    func predictionsAreWrittenBackToSQLite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (train, predict, _) = try Self.writeIris(to: folder)
        let model = folder.appendingPathComponent("iris.safetensors").path
        try runCommand(TrainCommand.self, ["--model", "logistic-regression", "--dataset", "csv:\(train):target=especie", "--decimal", ",",
                                           "--ignore", "cidade", "--save", model, "--quiet", "--report", folder.appendingPathComponent("r").path])
        let csv = folder.appendingPathComponent("p.csv").path, database = folder.appendingPathComponent("out.db").path
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", csv])
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", "sqlite:\(database):previsoes"])
        let fromCSV = try Table.readCSV(URL(fileURLWithPath: csv)), fromSQLite = try Table.read(sqlite: database, table: "previsoes")
        #expect(fromSQLite.columnNames == ["prob_setosa", "prob_versicolor", "prob_virginica", "predicted"])
        #expect(fromSQLite.rowCount == 150)
        #expect(fromSQLite.columns.map(\.values) == fromCSV.columns.map(\.values))
        let again = errorMessage {
            try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", "sqlite:\(database):previsoes"])
        }
        #expect(again?.contains("already exists") == true, "\(again ?? "")")
        #expect(try Table.read(sqlite: database, table: "previsoes").rowCount == 150)
        #expect(errorMessage { try CommandOutput.write("a\n1\n", to: "sqlite:\(database)") }?.contains("expected sqlite:FILE.db:TABLE") == true)
    }

    /// The same iris rows from SQLite (a table, and a query) and from CSV give the same prepared data and classes.
    @Test(.enabled(if: SQLiteLibrary.shared != nil, "needs libsqlite3"))
    func sqliteGivesTheSameDataAsCSV() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (train, _, _) = try Self.writeIris(to: folder)
        let table = try Table.readCSV(URL(fileURLWithPath: train), options: CSVReadOptions(decimalSeparator: ",", ignored: ["cidade"]))
        let path = folder.appendingPathComponent("iris.db").path
        let database = try SQLiteDatabase(path: path, writable: true)
        try database.run("CREATE TABLE flores (sepal_length REAL, sepal_width REAL, petal_length REAL, petal_width REAL, especie TEXT)")
        let numbers = table.columns.dropLast().map { $0.floats! }, names = table.columns.last!.texts
        let values = (0..<table.rowCount).map { row in
            "(" + numbers.map { "\($0[row])" }.joined(separator: ", ") + ", '\(names[row]!)')"
        }
        try database.run("INSERT INTO flores VALUES " + values.joined(separator: ", "))

        let fromCSV = try DataPreparation.load(try DatasetSpecifier(parsing: "csv:\(train):target=especie"), seed: 5,
                                               table: CSVReadOptions(decimalSeparator: ",", ignored: ["cidade"]))
        for specifier in ["sqlite:\(path):flores", "sqlite:\(path)?query=SELECT * FROM flores ORDER BY rowid:target=especie"] {
            let fromSQLite = try DataPreparation.load(try DatasetSpecifier(parsing: specifier), seed: 5)
            #expect(fromSQLite.classNames == Self.species)
            #expect(fromSQLite.train.inputs == fromCSV.train.inputs && fromSQLite.train.targets == fromCSV.train.targets)
            #expect(fromSQLite.test.inputs == fromCSV.test.inputs && fromSQLite.test.targets == fromCSV.test.targets)
        }
        #expect(errorMessage { _ = try DatasetSpecifier(parsing: "sqlite:x.db") }?.contains("no table or query") == true)
    }

    /// The PostgreSQL server of the database tests (`.ci/run` starts one and sets `APRENDIZ_TEST_POSTGRES`).
    static let postgres = ProcessInfo.processInfo.environment["APRENDIZ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// `--dataset postgres://…?table=NAME` (and `?query=…:target=…`) gives the same prepared data as the CSV file
    /// of the same rows, and `predict --output 'postgres://…?table=NAME'` writes the same rows as the CSV output.
    @Test(.enabled(if: postgres != nil && PostgresLibrary.shared != nil,
                   "needs libpq5 and a server in APRENDIZ_TEST_POSTGRES (.ci/run starts one)"))
    func postgresSourceAndOutputMatchCSV() throws {
        let url = try #require(Self.postgres)
        let folder = try temporaryFolder()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let flowers = "aprendiz_cli_flores_\(suffix)", predictions = "aprendiz_cli_previsoes_\(suffix)"
        defer {
            try? FileManager.default.removeItem(at: folder)
            _ = try? PostgresConnection(url).run("DROP TABLE IF EXISTS \(flowers); DROP TABLE IF EXISTS \(predictions)")
        }
        let (train, predict, _) = try Self.writeIris(to: folder)
        let options = CSVReadOptions(decimalSeparator: ",", ignored: ["cidade"])
        try Table.readCSV(URL(fileURLWithPath: train), options: options).write(postgres: url, table: flowers)
        let separator = url.contains("?") ? "&" : "?"
        let fromCSV = try DataPreparation.load(try DatasetSpecifier(parsing: "csv:\(train):target=especie"), seed: 5, table: options)
        for specifier in ["\(url)\(separator)table=\(flowers):target=especie",
                          "\(url)\(separator)query=SELECT * FROM \(flowers):target=especie"] {
            let fromPostgres = try DataPreparation.load(try DatasetSpecifier(parsing: specifier), seed: 5)
            #expect(fromPostgres.classNames == Self.species)
            #expect(fromPostgres.train.inputs == fromCSV.train.inputs && fromPostgres.train.targets == fromCSV.train.targets)
            #expect(fromPostgres.test.inputs == fromCSV.test.inputs && fromPostgres.test.targets == fromCSV.test.targets)
        }

        let model = folder.appendingPathComponent("iris.safetensors").path
        try runCommand(TrainCommand.self, ["--model", "logistic-regression", "--dataset", "\(url)\(separator)table=\(flowers):target=especie",
                                           "--save", model, "--quiet", "--report", folder.appendingPathComponent("r").path])
        let csv = folder.appendingPathComponent("p.csv").path
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",", "--output", csv])
        try runCommand(PredictCommand.self, ["--model", model, "--input", predict, "--decimal", ",",
                                             "--output", "\(url)\(separator)table=\(predictions)"])
        let written = try Table.read(postgres: url, table: predictions), expected = try Table.readCSV(URL(fileURLWithPath: csv))
        #expect(written.columnNames == ["prob_setosa", "prob_versicolor", "prob_virginica", "predicted"])
        #expect(written.rowCount == 150)
        #expect(written.columns.map(\.values) == expected.columns.map(\.values))
    }
}
