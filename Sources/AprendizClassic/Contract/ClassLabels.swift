import AprendizTensor

/// The classes of a classification problem: the sorted distinct integer labels (scikit-learn's
/// `LabelEncoder`), so labels need not be 0…K−1 and a class count never comes from the largest label.
struct ClassLabels: Sendable, Equatable {
    /// The sorted distinct labels.
    let classes: [Int]
    /// The position of each row's label in `classes`.
    let indices: [Int]

    /// Reads integer labels from `y` (`[count]`); throws if one is not a whole number or if fewer than
    /// `minimumClasses` distinct labels occur.
    init(_ y: Tensor, for estimator: String, minimumClasses: Int = 2) throws(ClassicError) {
        var labels: [Int] = []
        for value in y.scalars {
            guard value.rounded() == value, abs(value) < 16_777_216 else {
                throw .invalidData(estimator: estimator, reason: "class label \(value) is not an integer")
            }
            labels.append(Int(value))
        }
        classes = Array(Set(labels)).sorted()
        guard classes.count >= minimumClasses else {
            throw .invalidData(estimator: estimator, reason: "needs at least \(minimumClasses) classes in y, found \(classes.count) (\(classes))")
        }
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        indices = labels.map { position[$0]! }
    }
}
