import Foundation
import AprendizTensor

/// Small real data sets shipped inside the package (resources of AprendizData), loadable by name.
///
/// | name | rows × features | task | origin | licence |
/// |---|---|---|---|---|
/// | `iris` | 150 × 4 | 3 classes | Fisher (1936), UCI Machine Learning Repository | public domain / CC BY 4.0 |
/// | `wine` | 178 × 13 | 3 classes | Forina et al., UCI Wine | CC BY 4.0 |
/// | `digits` | 1797 × 64 (8×8 images, values 0–16) | 10 classes | Alpaydin & Kaynak, UCI Optical Recognition of Handwritten Digits (test part, as distributed with scikit-learn) | CC BY 4.0 |
/// | `diabetes` | 442 × 10 (unscaled) | regression | Efron, Hastie, Johnstone & Tibshirani (2004), "Least Angle Regression" | as published with the paper |
///
/// Exported from scikit-learn 1.9.1's bundled copies (`load_iris`, `load_wine`, `load_digits`,
/// `load_diabetes(scaled=False)`), values unchanged; the table is also `Resources/README.md`.
/// Each CSV has a header row and the target in its last column, `target`.
///
/// Features load as `[rows, features]` with their original units (standardise them before
/// training: ``Standardizer``); class targets as `[rows]` class indices, the regression target as
/// `[rows, 1]`.
public enum BundledDataset: String, CaseIterable, Sendable {
    case iris, wine, digits, diabetes

    /// The number of classes, or `nil` for regression (diabetes).
    public var classCount: Int? {
        switch self {
        case .iris, .wine: 3
        case .digits: 10
        case .diabetes: nil
        }
    }

    /// The bundled CSV file.
    public var url: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: rawValue, withExtension: "csv", subdirectory: "Resources") else {
                throw DatasetError.missingResource("\(rawValue).csv")
            }
            return url
        }
    }

    /// Loads the data set: inputs `[rows, features]`, targets `[rows]` (classes) or `[rows, 1]` (regression).
    public func load() throws -> TensorDataset {
        let table = try LabeledTable(contentsOf: url, targetColumn: "target")
        let targets = classCount == nil ? table.targets.reshaped([-1, 1]) : table.targets
        return TensorDataset(inputs: table.features, targets: targets)
    }

    /// The names of the feature columns, in order.
    public func featureNames() throws -> [String] {
        try LabeledTable(contentsOf: url, targetColumn: "target").featureNames
    }
}

/// Texts shipped inside the package (resources of AprendizData), loadable by name.
///
/// | name | size | origin |
/// |---|---|---|
/// | `book-text` | 269 962 characters (277 033 bytes UTF-8), Portuguese | the project's own book, *Aprendizado de Máquina* |
///
/// Provenance and checksum: `Resources/README.md`.
public enum BundledText: String, CaseIterable, Sendable {
    case bookText = "book-text"

    /// The bundled file's name (without extension).
    private var resourceName: String {
        switch self {
        case .bookText: "aprendizado-de-maquina"
        }
    }

    /// The bundled file.
    public var url: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: resourceName, withExtension: "txt", subdirectory: "Resources") else {
                throw DatasetError.missingResource("\(resourceName).txt")
            }
            return url
        }
    }

    /// The whole text.
    public func load() throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }
}
