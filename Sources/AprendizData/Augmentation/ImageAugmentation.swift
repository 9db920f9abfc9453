import AprendizTensor

/// One random transformation of training images (§24.6, data augmentation): applied on the fly to each
/// batch, so every epoch sees new variants of the same examples. A pipeline is an array of them applied in
/// order (``BatchAugmentation``).
///
/// On an image x of height H, width W and C channels (NHWC, values in [0, 1]), with the draws per example:
/// ```
/// crop(padding: p)           pad p zeros on each side, cut an H×W window at (dy, dx) ~ U{0 … 2p}²:
///                            x̃[y, x] = x[y + dy − p, x + dx − p]  (0 outside)         (torchvision RandomCrop(padding=p))
/// horizontalFlip             with probability ½:  x̃[y, x] = x[y, W − 1 − x]
/// rotation(degrees: d)       θ ~ U[−d, d]°, about the centre, bilinear (``AffineWarp``)
/// translation(pixels: t)     (ty, tx) ~ U[−t, t]², bilinear (``AffineWarp``)
/// gaussianNoise(deviation: σ) x̃ = x + σ·ε,  ε ~ N(0, 1) per value (not clipped)
/// cutout(size: s)            a s×s square centred at (cy, cx) ~ U{0 … H−1}×U{0 … W−1}, clipped to the image,
///                            set to 0 (DeVries & Taylor 2017)
/// mixup(alpha: α)            per batch: λ ~ Beta(α, α), a permutation π of the batch,
///                            x̃ᵢ = λxᵢ + (1 − λ)x_πᵢ,  ỹᵢ = λ·onehot(yᵢ) + (1 − λ)·onehot(y_πᵢ)
///                            (Zhang et al. 2018); the targets become soft rows [batch, classes], so the
///                            loss must read distributions (``crossEntropy(logits:targets:)``, `cross-entropy-one-hot`).
/// ```
public enum ImageAugmentation: Sendable, Equatable {
    /// A random H×W window of the image padded with `padding` zeros on each side (`crop=P`).
    case crop(padding: Int)
    /// A left–right mirror with probability ½ (`flip`).
    case horizontalFlip
    /// A rotation by an angle drawn from U[−degrees, degrees] about the centre (`rotate=D`).
    case rotation(degrees: Float)
    /// A shift by (ty, tx) drawn from U[−pixels, pixels]² (`translate=T`).
    case translation(pixels: Float)
    /// Additive N(0, deviation²) noise on every value (`noise=σ`).
    case gaussianNoise(deviation: Float)
    /// One size×size square set to 0 (`cutout=S`).
    case cutout(size: Int)
    /// The batch blended with a permutation of itself, λ ~ Beta(alpha, alpha) (`mixup=α`); last step only.
    case mixup(alpha: Float)

    /// Whether the step transforms the batch as a whole (mixup) rather than each image alone.
    public var mixesExamples: Bool {
        if case .mixup = self { return true }
        return false
    }

    /// Why the parameter is invalid, or nil when it is fine.
    public var invalidReason: String? {
        switch self {
        case .crop(let p): return p >= 0 ? nil : "crop padding must be ≥ 0, got \(p)"
        case .horizontalFlip: return nil
        case .rotation(let d): return d >= 0 && d <= 180 ? nil : "rotate must be in [0, 180] degrees, got \(d)"
        case .translation(let t): return t >= 0 && t.isFinite ? nil : "translate must be ≥ 0 pixels, got \(t)"
        case .gaussianNoise(let s): return s >= 0 && s.isFinite ? nil : "noise deviation must be ≥ 0, got \(s)"
        case .cutout(let s): return s >= 1 ? nil : "cutout size must be ≥ 1, got \(s)"
        case .mixup(let a): return a > 0 && a.isFinite ? nil : "mixup alpha must be > 0, got \(a)"
        }
    }
}

/// The shape of one image, height × width × channels (NHWC without the batch axis); a flat row of
/// H·W·C values (`[N, 784]` MNIST) is read in the same order.
public struct ImageShape: Sendable, Equatable, CustomStringConvertible {
    /// H, rows of pixels.
    public let height: Int
    /// W, pixels per row.
    public let width: Int
    /// C, values per pixel (1 for grey images).
    public let channels: Int

    /// An image of `height` × `width` pixels with `channels` values each (default 1, grey).
    public init(height: Int, width: Int, channels: Int = 1) {
        require(height >= 1 && width >= 1 && channels >= 1, "ImageShape: invalid \(height)×\(width)×\(channels)")
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// H·W·C, the values of one image.
    public var count: Int { height * width * channels }

    /// `H×W×C`.
    public var description: String { "\(height)×\(width)×\(channels)" }
}
