import ArgumentParser

/// What the model predicts: a class (cross-entropy on logits, accuracy) or a number (MSE, R²).
enum LearningTask: String, Codable, CaseIterable, ExpressibleByArgument {
    case classification, regression
}
