/// How per-class scores are combined (scikit-learn's `average=`).
public enum MetricAverage: String, CaseIterable, Sendable {
    /// The unweighted mean over classes.
    case macro
    /// The mean weighted by each class's number of true examples.
    case weighted
    /// The score of the counts pooled over classes.
    case micro
}
