/// What a model predicts: a class (cross-entropy on logits, accuracy) or a number (MSE, R²).
///
/// Stored by name (`"classification"`, `"regression"`) in a model file's ``ModelMetadata``.
public enum LearningTask: String, Codable, CaseIterable, Sendable {
    case classification, regression
}
