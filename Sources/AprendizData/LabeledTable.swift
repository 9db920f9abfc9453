import Foundation
import AprendizTensor

/// A CSV file of numbers with a header, split into a feature matrix and a target column, as tensors
/// (``NumericTable`` read and split, then wrapped).
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
    /// The class names when the target column held text (`targets` index them), else nil.
    public let classNames: [String]?
    /// Per feature, the category names its codes index when it is an encodable categorical column
    /// (``Table/labeled(target:classNames:encodable:)``), nil for numbers; nil when no feature is categorical.
    public let featureCategories: [[String]?]?

    /// Wraps features and targets already built (``Table/labeled(target:classNames:encodable:)``).
    public init(featureNames: [String], features: Tensor, targets: Tensor, classNames: [String]? = nil,
                featureCategories: [[String]?]? = nil) {
        self.featureNames = featureNames
        self.features = features
        self.targets = targets
        self.classNames = classNames
        self.featureCategories = featureCategories
    }

    /// Reads `url`, taking `targetColumn` (by header name) as the target and every other column as a feature.
    /// - Throws: ``NumericTableError`` naming the file, line and column of a bad cell, or a missing target column.
    public init(contentsOf url: URL, targetColumn: String) throws(NumericTableError) {
        let (table, target) = try NumericTable(contentsOf: url).split(target: targetColumn)
        featureNames = table.columnNames
        features = Tensor(shape: [table.rowCount, table.columnCount], scalars: table.values)
        targets = Tensor(target)
        classNames = nil
        featureCategories = nil
    }
}
