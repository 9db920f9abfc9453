import Foundation
import SwiftCSV
import AprendizTensor

/// A CSV file of numbers with a header, split into a feature matrix and a target column, as tensors.
///
/// ```swift
/// let table = try LabeledTable(contentsOf: url, targetColumn: "target")
/// let data = TensorDataset(inputs: table.features, targets: table.targets)
/// ```
public struct LabeledTable: Sendable {
    /// The feature columns' names, in file order.
    public let featureNames: [String]
    /// `[rows, features]`.
    public let features: Tensor
    /// `[rows]`.
    public let targets: Tensor

    /// Reads `url`, taking `targetColumn` (by header name) as the target and every other column as a feature.
    /// - Throws: ``CSVFileError`` naming the file, line and column of a non-numeric cell, or a missing target column.
    public init(contentsOf url: URL, targetColumn: String) throws {
        let csv: EnumeratedCSV
        do { csv = try EnumeratedCSV(url: url, loadColumns: false) } catch {
            throw CSVFileError.unreadable(file: url.path, reason: "\(error)")
        }
        guard let target = csv.header.firstIndex(of: targetColumn) else {
            throw CSVFileError.missingColumn(file: url.path, column: targetColumn, header: csv.header)
        }
        var features: [Float] = [], targets: [Float] = []
        features.reserveCapacity(csv.rows.count * (csv.header.count - 1))
        for (row, cells) in csv.rows.enumerated() {
            guard cells.count == csv.header.count else {
                throw CSVFileError.wrongCellCount(file: url.path, line: row + 2, expected: csv.header.count, found: cells.count)
            }
            for (column, cell) in cells.enumerated() {
                guard let value = Float(cell.trimmingCharacters(in: .whitespaces)) else {
                    throw CSVFileError.notANumber(file: url.path, line: row + 2, column: csv.header[column], value: cell)
                }
                if column == target { targets.append(value) } else { features.append(value) }
            }
        }
        featureNames = csv.header.enumerated().filter { $0.offset != target }.map(\.element)
        self.features = Tensor(shape: [targets.count, featureNames.count], scalars: features)
        self.targets = Tensor(targets)
    }
}

/// Why a CSV file could not be read as numbers.
public enum CSVFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case missingColumn(file: String, column: String, header: [String])
    case wrongCellCount(file: String, line: Int, expected: Int, found: Int)
    case notANumber(file: String, line: Int, column: String, value: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read CSV (\(reason))"
        case .missingColumn(let file, let column, let header):
            "\(file): no column '\(column)' in the header (\(header.joined(separator: ", ")))"
        case .wrongCellCount(let file, let line, let expected, let found): "\(file):\(line): \(found) cells, expected \(expected)"
        case .notANumber(let file, let line, let column, let value): "\(file):\(line): column '\(column)': '\(value)' is not a number"
        }
    }
}
