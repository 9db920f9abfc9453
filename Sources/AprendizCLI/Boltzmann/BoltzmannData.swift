import Aprendiz

/// The data of `aprendiz rbm` and `aprendiz dbn`: each example flattened to one row, scaled to [0, 1] (divided
/// by the largest value when that exceeds 1, as the digits' 0…16 pixels) and binarised at ½ unless asked not
/// to. Image data sets keep their own train/test split; a bundled table is shuffled (seeded) and split 80/20.
struct BoltzmannData {
    var train: Tensor
    var trainLabels: Tensor
    var test: Tensor
    var testLabels: Tensor
    /// The side of the square images, for pictures of filters and samples (nil when the width is not a square).
    var imageSide: Int?

    static func load(_ name: String, limit: Int?, binarize: Bool, seed: UInt64) throws -> BoltzmannData {
        var data: BoltzmannData
        switch try DatasetSpecifier(parsing: name) {
        case .images(let set):
            let train = try set.load(.train), test = try set.load(.test)
            data = BoltzmannData(train: rows(train.inputs), trainLabels: train.targets, test: rows(test.inputs), testLabels: test.targets)
        case .bundled(let set):
            let table = try set.load()
            var generator = RandomGenerator(seed: seed)
            var order = Array(0..<table.count)
            order.shuffle(using: &generator)
            let cut = table.count * 4 / 5
            let train = Array(order[..<cut]), test = Array(order[cut...])
            data = BoltzmannData(train: table.inputs.selecting(train), trainLabels: table.targets.selecting(train),
                                 test: table.inputs.selecting(test), testLabels: table.targets.selecting(test))
        default:
            throw CLIError("--dataset \(name): the RBM reads a bundled table or an image data set (\(DatasetSpecifier.knownNames.prefix(6).joined(separator: ", ")))")
        }
        if let limit, limit < data.train.shape[0] {
            data.train = data.train.slice(axis: 0, 0..<limit)
            data.trainLabels = data.trainLabels.slice(axis: 0, 0..<limit)
        }
        let low = min(data.train.min().scalar, data.test.min().scalar), high = max(data.train.max().scalar, data.test.max().scalar)
        guard low >= 0, high.isFinite else { throw CLIError("--dataset \(name): values range over \(low)…\(high); an RBM's visible units need values ≥ 0") }
        let scale = high > 1 ? 1 / high : 1
        data.train = prepared(data.train * scale, binarize: binarize)
        data.test = prepared(data.test * scale, binarize: binarize)
        return data
    }

    private init(train: Tensor, trainLabels: Tensor, test: Tensor, testLabels: Tensor) {
        self.train = train
        self.trainLabels = trainLabels
        self.test = test
        self.testLabels = testLabels
        let width = train.shape[1], side = Int(Double(width).squareRoot().rounded())
        imageSide = side * side == width ? side : nil
    }

    private static func rows(_ images: Tensor) -> Tensor {
        images.reshaped([images.shape[0], images.count / images.shape[0]])
    }

    private static func prepared(_ x: Tensor, binarize: Bool) -> Tensor {
        binarize ? x.greater(Tensor(0.5)) : x
    }
}
