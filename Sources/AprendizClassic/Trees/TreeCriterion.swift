import AprendizTensor

/// The impurity a classification tree minimises (§13.3; scikit-learn's `criterion`). With pₖ the
/// (weighted) fraction of class k in node m:
/// ```
/// gini:     G(m) = Σₖ pₖ (1 − pₖ) = 1 − Σₖ pₖ²
/// entropy:  H(m) = − Σₖ pₖ log₂ pₖ            (log-loss is the same criterion in scikit-learn)
/// ```
/// Default: `gini`.
public enum ClassificationCriterion: String, Catalogue {
    /// Gini impurity.
    case gini
    /// Shannon entropy in bits.
    case entropy
    /// scikit-learn's `log_loss`: the entropy criterion under another name.
    case logLoss = "log-loss"

    public static let familyName = "classification criterion"
}

/// The impurity a regression tree minimises (scikit-learn's `criterion`), over the (weighted) targets of
/// node m with mean ȳ and median ỹ:
/// ```
/// squared-error:   Σᵢ wᵢ (yᵢ − ȳ)² / Σᵢ wᵢ      leaf value ȳ
/// absolute-error:  Σᵢ wᵢ |yᵢ − ỹ| / Σᵢ wᵢ       leaf value ỹ (weighted median)
/// ```
/// Default: `squared-error`.
public enum RegressionCriterion: String, Catalogue {
    /// Mean squared error (variance reduction).
    case squaredError = "squared-error"
    /// Mean absolute error around the median.
    case absoluteError = "absolute-error"

    public static let familyName = "regression criterion"
}
