import AprendizData
import AprendizTensor
import AprendizTestSupport
import Testing

/// Data augmentation (§24.6): exact results derived by hand for the shifts, flips and cutout; rotations and
/// translations against SciPy (`Tools/fixtures/generate_augmentation.py`); mixup's λ against the Beta moments.
@Suite struct ImageAugmentationTests {
    /// A 3×4 grey image holding 0 … 11 row by row.
    let small = ImageShape(height: 3, width: 4)
    let counting: [Float] = (0..<12).map(Float.init)

    func transformed(_ values: [Float], shape: ImageShape, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var image = values, scratch = [Float](repeating: .nan, count: values.count)
        image.withUnsafeMutableBufferPointer { i in scratch.withUnsafeMutableBufferPointer { s in body(i, s) } }
        return image
    }

    @Test func cropOfThePaddedImageIsAShiftWithZeros() {
        // Padding 1, window at (dy, dx) = (2, 0): x̃[y, x] = x[y + 1, x − 1], 0 outside.
        let shifted = transformed(counting, shape: small) { ImageTransforms.shift($0, scratch: $1, rows: 1, columns: -1, shape: small) }
        #expect(shifted == [0, 4, 5, 6,
                            0, 8, 9, 10,
                            0, 0, 0, 0])
        let back = transformed(counting, shape: small) { ImageTransforms.shift($0, scratch: $1, rows: -2, columns: 3, shape: small) }
        #expect(back == [0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0])
    }

    @Test func horizontalFlipMirrorsEachRowAndKeepsChannelsTogether() {
        let flipped = transformed(counting, shape: small) { image, _ in ImageTransforms.flipHorizontally(image, shape: small) }
        #expect(flipped == [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8])
        // Two channels per pixel: pixels (a, b) swap as pairs.
        let rgb = ImageShape(height: 1, width: 3, channels: 2)
        let pairs = transformed([1, 2, 3, 4, 5, 6], shape: rgb) { image, _ in ImageTransforms.flipHorizontally(image, shape: rgb) }
        #expect(pairs == [5, 6, 3, 4, 1, 2])
    }

    @Test func cutoutZeroesTheSquareClippedToTheImage() {
        // A 2×2 square whose top-left corner is (−1, 2): only row 0, columns 2 and 3 are inside.
        let cut = transformed(counting, shape: small) { image, _ in ImageTransforms.erase(image, top: -1, left: 2, size: 2, shape: small) }
        #expect(cut == [0, 1, 0, 0, 4, 5, 6, 7, 8, 9, 10, 11])
        let middle = transformed(counting, shape: small) { image, _ in ImageTransforms.erase(image, top: 1, left: 1, size: 2, shape: small) }
        #expect(middle == [0, 1, 2, 3, 4, 0, 0, 7, 8, 0, 0, 11])
    }

    @Test func rotationsAndTranslationsMatchSciPy() throws {
        let fixture = try JSONFixture("augmentation.json")
        for (index, reference) in fixture["cases"].array.enumerated() {
            let dims = reference["shape"].array.map(\.int)
            let shape = ImageShape(height: dims[0], width: dims[1], channels: dims[2])
            let shift = reference["shift"].floats
            let warp = AffineWarp(rotation: reference["radians"].float, shift: (shift[0], shift[1]), shape: shape)
            let m = reference["matrix"].floats, o = reference["offset"].floats
            for (actual, expected) in zip([warp.matrix.0, warp.matrix.1, warp.matrix.2, warp.matrix.3, warp.offset.0, warp.offset.1], m + o) {
                #expect(abs(actual - expected) <= 1e-5, "case \(index): A or offset")
            }
            let input = reference["input"]["data"].floats, expected = reference["output"]["data"].floats
            var output = [Float](repeating: .nan, count: input.count)
            input.withUnsafeBufferPointer { i in output.withUnsafeMutableBufferPointer { warp.apply(i, to: $0, shape: shape) } }
            let worst = zip(output, expected).map { abs($0 - $1) }.max() ?? .infinity
            // Float coordinates of up to ~30 carry ~1e-5 of rounding, which a pixel step of up to 1 turns into ~1e-5 of value.
            #expect(worst <= 5e-5, "case \(index): largest difference from scipy.ndimage.affine_transform \(worst)")
        }
    }

    @Test func randomCropsAreShiftsWithinThePaddingAndFlipsHappenAboutHalfTheTime() throws {
        let n = 64, shape = ImageShape(height: 5, width: 6)
        let inputs = Tensor(shape: [n, 5, 6, 1], scalars: (0..<(n * 30)).map { Float($0 % 97) + 1 })
        let batch = Batch(inputs: inputs, targets: Tensor([Float](repeating: 0, count: n)))
        let crop = try BatchAugmentation([.crop(padding: 2)], image: shape, seed: 3)(batch, epoch: 0, index: 0)
        let flip = try BatchAugmentation([.horizontalFlip], image: shape, seed: 3)(batch, epoch: 0, index: 0)
        var offsets = Set<[Int]>(), flips = 0
        for i in 0..<n {
            let original = Array(inputs.scalars[(i * 30)..<((i + 1) * 30)])
            let cropped = Array(crop.inputs.scalars[(i * 30)..<((i + 1) * 30)])
            let matches = (-2...2).flatMap { dy in (-2...2).map { [dy, $0] } }.filter { d in
                transformed(original, shape: shape) { ImageTransforms.shift($0, scratch: $1, rows: d[0], columns: d[1], shape: shape) } == cropped
            }
            #expect(matches.count == 1, "example \(i): the crop is not one shift within ±2")
            offsets.formUnion(matches)
            let flipped = Array(flip.inputs.scalars[(i * 30)..<((i + 1) * 30)])
            let mirror = transformed(original, shape: shape) { image, _ in ImageTransforms.flipHorizontally(image, shape: shape) }
            #expect(flipped == original || flipped == mirror)
            if flipped == mirror { flips += 1 }
        }
        #expect(offsets.count >= 15, "64 crops drew only \(offsets.count) of the 25 offsets")
        #expect(flips >= 20 && flips <= 44, "\(flips) of 64 flipped (binomial(64, ½): 32 ± 4)")
    }

    @Test func gaussianNoiseHasTheRequestedDeviation() throws {
        let n = 200, shape = ImageShape(height: 28, width: 28)
        let batch = Batch(inputs: Tensor.zeros([n, 784]), targets: Tensor([Float](repeating: 1, count: n)))
        let noisy = try BatchAugmentation([.gaussianNoise(deviation: 0.05)], image: shape)(batch, epoch: 2, index: 7).inputs.scalars
        let mean = noisy.reduce(0, +) / Float(noisy.count)
        let deviation = (noisy.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(noisy.count)).squareRoot()
        // 156 800 draws: the mean's standard error is 0.05/396 ≈ 1.3e-4, the deviation's about 0.05/560.
        #expect(abs(mean) < 6e-4)
        #expect(abs(deviation - 0.05) < 5e-4)
    }

    @Test func mixupLambdaFollowsTheBetaMoments() {
        var generator = RandomGenerator(seed: 11)
        for alpha: Float in [0.2, 1, 2] {
            let draws = (0..<40_000).map { _ in Double(Mixup.beta(alpha, using: &generator)) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
            // Beta(α, α): mean ½, variance 1 / (4(2α + 1)).
            let expected = 1 / (4 * (2 * Double(alpha) + 1))
            #expect(abs(mean - 0.5) < 0.01, "α = \(alpha): mean \(mean)")
            #expect(abs(variance - expected) < 0.06 * expected, "α = \(alpha): variance \(variance), expected \(expected)")
            #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test func mixupMixesThePairAndTheLabelsExactly() {
        let batch = Batch(inputs: Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]), targets: Tensor([0, 2, 1]))
        let mixed = Mixup.mix(batch, lambda: 0.75, permutation: [2, 0, 1], classCount: 3)
        // x̃₀ = ¾·(1, 2) + ¼·(5, 6) = (2, 3);  x̃₁ = ¾·(3, 4) + ¼·(1, 2) = (2.5, 3.5);  x̃₂ = ¾·(5, 6) + ¼·(3, 4) = (4.5, 5.5).
        // ỹ₀ = ¾·e₀ + ¼·e₁ (y₂ = 1);  ỹ₁ = ¾·e₂ + ¼·e₀;  ỹ₂ = ¾·e₁ + ¼·e₂.
        #expect(mixed.inputs.scalars == [2, 3, 2.5, 3.5, 4.5, 5.5])
        #expect(mixed.targets.shape == [3, 3])
        #expect(mixed.targets.scalars == [0.75, 0.25, 0, 0.25, 0, 0.75, 0, 0.75, 0.25])
    }

    @Test func theSameSeedGivesTheSameBatchesAtAnyThreadCount() throws {
        let n = 48, shape = ImageShape(height: 12, width: 10, channels: 2)
        var generator = RandomGenerator(seed: 9)
        let inputs = Tensor(shape: [n, 12, 10, 2], scalars: (0..<(n * 240)).map { _ in generator.nextUniform() })
        let batch = Batch(inputs: inputs, targets: Tensor((0..<n).map { Float($0 % 5) }))
        let augmentation = try BatchAugmentation(ImageAugmentation.parseList("crop=2,flip,rotate=10,translate=2,noise=0.05,cutout=4,mixup=0.4"),
                                                 image: shape, classCount: 5, seed: 21)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = augmentation(batch, epoch: 3, index: 5)
        Parallel.threadCount = 4
        let four = augmentation(batch, epoch: 3, index: 5)
        #expect(one.inputs.scalars == four.inputs.scalars)
        #expect(one.targets.scalars == four.targets.scalars)
        let other = augmentation(batch, epoch: 3, index: 6)
        #expect(other.inputs.scalars != one.inputs.scalars, "another batch index must draw differently")
    }

    @Test func theLoaderAugmentsEachEpochDifferentlyAndReproducibly() throws {
        let dataset = TensorDataset(inputs: Tensor(shape: [8, 4, 4, 1], scalars: (0..<128).map(Float.init)), targets: Tensor([Float](repeating: 0, count: 8)))
        func epochs(seed: UInt64) throws -> [[Float]] {
            let loader = DataLoader(dataset, batchSize: 4, shuffle: true, seed: 1)
            loader.augmentation = try BatchAugmentation([.crop(padding: 1), .horizontalFlip], image: ImageShape(height: 4, width: 4), seed: seed)
            return (0..<2).map { _ in Array(loader).flatMap(\.inputs.scalars) }
        }
        let a = try epochs(seed: 5), b = try epochs(seed: 5)
        #expect(a == b)
        #expect(a[0] != a[1])
        #expect(try epochs(seed: 6) != a)
    }

    @Test func theCommandLineGrammarReadsEveryStepAndNamesMistakes() throws {
        #expect(try ImageAugmentation.parseList("crop=2,flip,rotate=10,translate=2,noise=0.05,cutout=8,mixup=0.2")
                == [.crop(padding: 2), .horizontalFlip, .rotation(degrees: 10), .translation(pixels: 2), .gaussianNoise(deviation: 0.05),
                    .cutout(size: 8), .mixup(alpha: 0.2)])
        func message(_ text: String) -> String {
            do { _ = try ImageAugmentation.parseList(text); return "" } catch { return error.description }
        }
        #expect(message("rotate=abc").contains("rotate needs a number"))
        #expect(message("crop=-1").contains("crop padding must be ≥ 0, got -1"))
        #expect(message("crop=1.5").contains("crop needs a whole number"))
        #expect(message("blur=2").contains("unknown augmentation 'blur'"))
        #expect(message("mixup=0.2,flip").contains("mixup must be the last entry"))
        #expect(message("flip,,crop=1").contains("empty entry"))
        #expect(message("mixup=0").contains("mixup alpha must be > 0"))
        #expect(throws: AugmentationParseError.self) { try BatchAugmentation([.mixup(alpha: 1)], image: small) }
    }
}
