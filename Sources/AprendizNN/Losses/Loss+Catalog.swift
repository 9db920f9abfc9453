import AprendizAutodiff
import AprendizTensor

// The losses of chapter 10 as values, each with its kebab-case command-line name. The formulas,
// derivatives and book sections are on the functions each one calls.

extension Loss {
    /// Mean squared error, `mse` (§10.2.1): ``mseLoss(predictions:targets:reduction:halved:)``.
    public static let mse = Loss(name: "mse", validate: sameShape("mse")) { mseLoss(predictions: $0, targets: $1) }

    /// Mean absolute error, `mae` (§10.2.2): ``maeLoss(predictions:targets:reduction:)``.
    public static let mae = Loss(name: "mae", validate: sameShape("mae")) { maeLoss(predictions: $0, targets: $1) }

    /// Huber loss with threshold δ, `huber` (§10.2.3): ``huberLoss(predictions:targets:delta:reduction:)``.
    public static func huber(delta: Float = 1) -> Loss {
        require(delta > 0, "Loss.huber: delta \(delta) must be positive")
        return Loss(name: "huber", validate: sameShape("huber")) { huberLoss(predictions: $0, targets: $1, delta: delta) }
    }

    /// Binary cross-entropy on probabilities, `binary-cross-entropy` (§10.3.1):
    /// ``binaryCrossEntropy(probabilities:targets:weights:reduction:)``.
    public static let binaryCrossEntropy = Loss(name: "binary-cross-entropy", validate: {
        p, t throws(LossError) in try validateBinaryCrossEntropy(probabilities: p, targets: t)
    }) { AprendizNN.binaryCrossEntropy(probabilities: $0, targets: $1) }

    /// Binary cross-entropy on logits, fused with the sigmoid, `binary-cross-entropy-with-logits`:
    /// ``binaryCrossEntropy(logits:targets:weights:positiveWeight:reduction:)``.
    public static let binaryCrossEntropyWithLogits = Loss(name: "binary-cross-entropy-with-logits", validate: {
        z, t throws(LossError) in try validateBinaryCrossEntropy(logits: z, targets: t)
    }) { AprendizNN.binaryCrossEntropy(logits: $0, targets: $1) }

    /// Cross-entropy on probabilities with one-hot targets, `categorical-cross-entropy` (§10.4.1):
    /// ``categoricalCrossEntropy(probabilities:targets:classWeights:labelSmoothing:reduction:)``.
    public static let categoricalCrossEntropy = Loss(name: "categorical-cross-entropy", validate: {
        p, t throws(LossError) in
        try CrossEntropyTargets.validate("categoricalCrossEntropy", predictions: p, areLogits: false, targets: t)
    }) { AprendizNN.categoricalCrossEntropy(probabilities: $0, targets: $1) }

    /// Cross-entropy on probabilities with class indices, `sparse-categorical-cross-entropy` (§10.4.2):
    /// ``sparseCategoricalCrossEntropy(probabilities:labels:classWeights:labelSmoothing:reduction:)``.
    public static let sparseCategoricalCrossEntropy = Loss(name: "sparse-categorical-cross-entropy", validate: {
        p, t throws(LossError) in
        try CrossEntropyTargets.validate("sparseCategoricalCrossEntropy", predictions: p, areLogits: false, labels: t)
    }) { AprendizNN.sparseCategoricalCrossEntropy(probabilities: $0, labels: $1) }

    /// Cross-entropy on logits with class indices, fused with the softmax, `cross-entropy`
    /// (§10.4.2): ``crossEntropy(logits:labels:classWeights:labelSmoothing:reduction:)``. The
    /// trainer's default for classification.
    public static let crossEntropy = Loss(name: "cross-entropy", validate: {
        z, t throws(LossError) in try CrossEntropyTargets.validate("crossEntropy", predictions: z, areLogits: true, labels: t)
    }) { AprendizNN.crossEntropy(logits: $0, labels: $1) }

    /// Cross-entropy on logits with one-hot (or soft) target rows, fused with the softmax,
    /// `cross-entropy-one-hot` (§10.4.1): ``crossEntropy(logits:targets:classWeights:labelSmoothing:reduction:)``.
    public static let crossEntropyOneHot = Loss(name: "cross-entropy-one-hot", validate: {
        z, t throws(LossError) in
        try CrossEntropyTargets.validate("crossEntropy(logits:targets:)", predictions: z, areLogits: true, targets: t)
    }) { AprendizNN.crossEntropy(logits: $0, targets: $1) }

    /// Hinge loss with ±1 labels, `hinge` (§10.3.2): ``hingeLoss(scores:labels:reduction:)``.
    public static let hinge = Loss(name: "hinge", validate: {
        s, y throws(LossError) in try validateHinge("hingeLoss", scores: s, labels: y)
    }) { hingeLoss(scores: $0, labels: $1) }

    /// Squared hinge loss with ±1 labels, `squared-hinge`: ``squaredHingeLoss(scores:labels:reduction:)``.
    public static let squaredHinge = Loss(name: "squared-hinge", validate: {
        s, y throws(LossError) in try validateHinge("squaredHingeLoss", scores: s, labels: y)
    }) { squaredHingeLoss(scores: $0, labels: $1) }

    /// Multilabel loss on logits, `multilabel` (§10.5.1):
    /// ``multilabelCrossEntropy(logits:targets:classWeights:reduction:)``.
    public static let multilabel = Loss(name: "multilabel", validate: {
        z, t throws(LossError) in try validateMultilabel(logits: z, targets: t)
    }) { multilabelCrossEntropy(logits: $0, targets: $1) }

    /// Every loss that ``named(_:)`` knows, with default parameters (Huber δ = 1): the family's one
    /// registry (its members carry parameters, so it is a list of values rather than an enum). Adding
    /// a loss is its file plus one static value above and one entry here.
    public static var catalog: [Loss] {
        [.mse, .mae, .huber(), .binaryCrossEntropy, .binaryCrossEntropyWithLogits, .categoricalCrossEntropy,
         .sparseCategoricalCrossEntropy, .crossEntropy, .crossEntropyOneHot, .hinge, .squaredHinge, .multilabel]
    }

    /// The loss with command-line name `name` (`aprendiz train --loss NAME`; trimmed, case-insensitive).
    /// - Throws: `CatalogueError` listing the valid names.
    public static func named(_ name: String) throws(CatalogueError) -> Loss {
        try CatalogueLookup.member(name, in: catalog, family: "loss", name: \.name)
    }

    private static func sameShape(_ loss: String) -> @Sendable (Tensor, Tensor) throws(LossError) -> Void {
        { p, t throws(LossError) in try LossCheck.sameShape(loss, p.shape, t.shape) }
    }
}
