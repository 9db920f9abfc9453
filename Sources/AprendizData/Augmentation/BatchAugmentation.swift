import AprendizTensor

/// A pipeline of ``ImageAugmentation`` steps applied to training batches on the fly (§24.6), seeded so that
/// a given (seed, epoch, batch index) always gives the same batch, at any thread count.
///
/// ```
/// batch b of epoch e:  g_b = RandomGenerator(seed: (seed + e·φ) xor b·ψ);  base = g_b.next()
/// example i:           g_i = RandomGenerator(seed: base + i·φ)     each image's draws, in step order
/// mixup (last):        λ and π drawn from g_b after the images
/// ```
/// Images are transformed in parallel on `Parallel`'s pool (one example per task); since each example
/// owns its generator, the result does not depend on how the pool splits the work. Attach it to a
/// ``DataLoader`` (``DataLoader/augmentation``) or the trainer; evaluation data is never augmented.
/// ```swift
/// let augmentation = try BatchAugmentation([.crop(padding: 2), .horizontalFlip], image: ImageShape(height: 28, width: 28))
/// loader.augmentation = augmentation
/// ```
public struct BatchAugmentation: Sendable {
    /// The steps, applied in order (mixup, if any, last).
    public let steps: [ImageAugmentation]
    /// The shape of one image.
    public let image: ImageShape
    /// The number of classes, which mixup needs for its soft targets (nil without mixup).
    public let classCount: Int?
    /// The seed of every draw.
    public let seed: UInt64

    /// - Throws: ``AugmentationParseError`` for an invalid step, a mixup that is not last, or mixup without a class count.
    public init(_ steps: [ImageAugmentation], image: ImageShape, classCount: Int? = nil, seed: UInt64 = 0) throws(AugmentationParseError) {
        for step in steps { if let reason = step.invalidReason { throw AugmentationParseError(reason) } }
        if let index = steps.firstIndex(where: \.mixesExamples) {
            guard index == steps.count - 1 else { throw AugmentationParseError("mixup must be the last step") }
            guard let classCount, classCount >= 2 else {
                throw AugmentationParseError("mixup needs the number of classes (≥ 2) for its soft targets")
            }
        }
        self.steps = steps
        self.image = image
        self.classCount = classCount
        self.seed = seed
    }

    /// Whether the targets come out as soft rows `[batch, classes]` (mixup).
    public var producesSoftTargets: Bool { steps.last?.mixesExamples ?? false }

    /// The augmented `batch` number `index` (from 0) of epoch `epoch`.
    /// - Precondition: every example of `batch.inputs` holds ``image``'s H·W·C values.
    public func callAsFunction(_ batch: Batch, epoch: Int, index: Int) -> Batch {
        let n = batch.count
        require(n == 0 || batch.inputs.count == n * image.count,
                "BatchAugmentation: inputs \(batch.inputs.shape) are not images of \(image)")
        var generator = RandomGenerator(seed: (seed &+ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15)
                                        ^ (UInt64(truncatingIfNeeded: index) &* 0xBF58_476D_1CE4_E5B9))
        let base = generator.next()
        let imageSteps = steps.filter { !$0.mixesExamples }
        var inputs = batch.inputs
        if !imageSteps.isEmpty {
            let size = image.count, shape = image
            inputs.withUnsafeMutableBufferPointer { values in
                Parallel.forEach(n) { i in
                    var exampleGenerator = RandomGenerator(seed: base &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                    let imageBuffer = UnsafeMutableBufferPointer(rebasing: values[(i * size)..<((i + 1) * size)])
                    let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: size)
                    defer { scratch.deallocate() }
                    for step in imageSteps {
                        ImageTransforms.apply(step, to: imageBuffer, scratch: scratch, shape: shape, using: &exampleGenerator)
                    }
                }
            }
        }
        var result = Batch(inputs: inputs, targets: batch.targets)
        if case .mixup(let alpha)? = steps.last, let classCount, n > 0 {
            let lambda = Mixup.beta(alpha, using: &generator)
            result = Mixup.mix(result, lambda: lambda, permutation: generator.permutation(of: n), classCount: classCount)
        }
        return result
    }
}

extension Batch {
    /// This batch through `augmentation` as batch `index` of epoch `epoch` (itself when `augmentation` is nil).
    package func augmented(by augmentation: BatchAugmentation?, epoch: Int, index: Int) -> Batch {
        augmentation.map { $0(self, epoch: epoch, index: index) } ?? self
    }
}
