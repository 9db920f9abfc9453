import AprendizData
import AprendizTensor

/// A fitted transform that saves into a model file beside the model it feeds (a fitted ``Pipeline``'s steps):
/// its numbers as tensors, named without a prefix (the pipeline adds `stepᵢ.`).
public protocol ArchivableTransform: FittedTransform {
    /// The kind written for the step (`standardizer`, `min-max`, …).
    static var archiveKind: String { get }
    /// The transform's tensors.
    func archivedTensors() -> [String: Tensor]
    /// Rebuilds the transform from ``archivedTensors()``; throws when one is missing or inconsistent.
    init(archivedTensors: [String: Tensor]) throws(ClassicError)
}

/// The transforms a pipeline file may hold, by kind: the one list the loader reads.
enum TransformArchive {
    static let kinds: [any ArchivableTransform.Type] = [
        Standardizer.self, MinMaxScaler.self, Imputation.self, OneHotEncoding.self, PolynomialExpansion.self,
    ]

    /// The tensor `name` of a step, or a ``ClassicError/invalidModelFile(expected:reason:)``.
    static func tensor(_ tensors: [String: Tensor], _ name: String, for kind: String) throws(ClassicError) -> Tensor {
        guard let tensor = tensors[name] else { throw .invalidModelFile(expected: kind, reason: "no tensor '\(name)'") }
        return tensor
    }
}

extension Standardizer: ArchivableTransform {
    public static var archiveKind: String { "standardizer" }
    public func archivedTensors() -> [String: Tensor] { ["mean": mean, "standard_deviation": standardDeviation] }
    public init(archivedTensors t: [String: Tensor]) throws(ClassicError) {
        let mean = try TransformArchive.tensor(t, "mean", for: Self.archiveKind)
        let deviation = try TransformArchive.tensor(t, "standard_deviation", for: Self.archiveKind)
        guard mean.rank == 1, mean.shape == deviation.shape else {
            throw .invalidModelFile(expected: Self.archiveKind, reason: "mean \(mean.shape) and deviation \(deviation.shape) differ")
        }
        self.init(mean: mean, standardDeviation: deviation)
    }
}

extension MinMaxScaler: ArchivableTransform {
    public static var archiveKind: String { "min-max" }
    public func archivedTensors() -> [String: Tensor] {
        ["minimum": minimum, "maximum": maximum, "range": Tensor([range.lowerBound, range.upperBound])]
    }
    public init(archivedTensors t: [String: Tensor]) throws(ClassicError) {
        let minimum = try TransformArchive.tensor(t, "minimum", for: Self.archiveKind)
        let maximum = try TransformArchive.tensor(t, "maximum", for: Self.archiveKind)
        let range = try TransformArchive.tensor(t, "range", for: Self.archiveKind).scalars
        guard minimum.rank == 1, minimum.shape == maximum.shape, range.count == 2, range[0] < range[1] else {
            throw .invalidModelFile(expected: Self.archiveKind, reason: "minimum \(minimum.shape), maximum \(maximum.shape), range \(range)")
        }
        self.init(minimum: minimum, maximum: maximum, range: range[0]...range[1])
    }
}

extension Imputation: ArchivableTransform {
    public static var archiveKind: String { "imputation" }
    public func archivedTensors() -> [String: Tensor] { ["fill_values": Tensor(fillValues)] }
    public init(archivedTensors t: [String: Tensor]) throws(ClassicError) {
        self.init(fillValues: try TransformArchive.tensor(t, "fill_values", for: Self.archiveKind).scalars)
    }
}

extension OneHotEncoding: ArchivableTransform {
    public static var archiveKind: String { "one-hot" }
    /// The categories of all columns one after another, and how many each column has.
    public func archivedTensors() -> [String: Tensor] {
        ["categories": Tensor(categories.flatMap { $0 }), "counts": Tensor(categories.map { Float($0.count) })]
    }
    public init(archivedTensors t: [String: Tensor]) throws(ClassicError) {
        let values = try TransformArchive.tensor(t, "categories", for: Self.archiveKind).scalars
        let counts = try TransformArchive.tensor(t, "counts", for: Self.archiveKind).scalars.map { Int($0) }
        guard counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) == values.count else {
            throw .invalidModelFile(expected: Self.archiveKind, reason: "category counts \(counts) do not add up to \(values.count)")
        }
        var start = 0
        self.init(categories: counts.map { count in defer { start += count }; return Array(values[start..<start + count]) })
    }
}

extension PolynomialExpansion: ArchivableTransform {
    public static var archiveKind: String { "polynomial" }
    /// Each term's input columns one after another, how many each term multiplies, and the input width.
    public func archivedTensors() -> [String: Tensor] {
        ["columns": Tensor(terms.flatMap { $0.map(Float.init) }), "lengths": Tensor(terms.map { Float($0.count) }),
         "feature_count": Tensor([Float(featureCount)])]
    }
    public init(archivedTensors t: [String: Tensor]) throws(ClassicError) {
        let columns = try TransformArchive.tensor(t, "columns", for: Self.archiveKind).scalars.map { Int($0) }
        let lengths = try TransformArchive.tensor(t, "lengths", for: Self.archiveKind).scalars.map { Int($0) }
        let width = try TransformArchive.tensor(t, "feature_count", for: Self.archiveKind).scalars.first.map { Int($0) } ?? -1
        guard width >= 0, lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, +) == columns.count,
              columns.allSatisfy({ (0..<width).contains($0) }) else {
            throw .invalidModelFile(expected: Self.archiveKind, reason: "terms do not fit \(width) input columns")
        }
        var start = 0
        self.init(featureCount: width, terms: lengths.map { count in defer { start += count }; return Array(columns[start..<start + count]) })
    }
}
