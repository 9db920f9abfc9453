import AprendizTensor

/// A fitted model that ranks its input features — impurity-based importances for trees and forests,
/// scikit-learn's `feature_importances_`: non-negative, one per feature, summing to 1 (all zero for a model
/// that never split). The command line draws them as a bar chart in the training report.
public protocol FeatureImportanceModel: FittedModel {
    /// One importance per input feature, `[featureCount]`.
    var featureImportances: Tensor { get }
}
