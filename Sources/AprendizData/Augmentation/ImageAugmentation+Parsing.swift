import Foundation

/// A command-line list of augmentations could not be read (`--augment`).
public struct AugmentationParseError: Error, Equatable, CustomStringConvertible {
    /// The one-line message, naming the entry and what is wrong with it.
    public let description: String
    init(_ description: String) { self.description = description }
}

extension ImageAugmentation {
    /// The names the command-line grammar knows, with their parameter.
    public static let grammar = "crop=P, flip, rotate=DEGREES, translate=PIXELS, noise=SIGMA, cutout=SIZE, mixup=ALPHA"

    /// Reads a comma-separated list in the order given, e.g. `crop=2,flip,rotate=10,translate=2,noise=0.05,cutout=8,mixup=0.2`:
    /// ```
    /// crop=P          zero padding P (integer ≥ 0), random H×W crop
    /// flip            horizontal flip with probability ½
    /// rotate=D        rotation by U[−D, D] degrees (0 … 180)
    /// translate=T     shift by U[−T, T] pixels on each axis (≥ 0)
    /// noise=σ         additive Gaussian noise of deviation σ (≥ 0)
    /// cutout=S        one S×S square set to 0 (integer ≥ 1)
    /// mixup=α         mixup with λ ~ Beta(α, α) (α > 0); at most once, last
    /// ```
    /// - Throws: ``AugmentationParseError`` naming the entry that is wrong.
    public static func parseList(_ text: String) throws(AugmentationParseError) -> [ImageAugmentation] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !entries.isEmpty, !entries.contains(where: \.isEmpty) else {
            throw AugmentationParseError("empty entry in '\(text)'; expected a comma-separated list of \(grammar)")
        }
        let steps = try entries.map { entry throws(AugmentationParseError) in try parse(entry) }
        if let index = steps.firstIndex(where: \.mixesExamples), index != steps.count - 1 {
            throw AugmentationParseError("mixup must be the last entry (it mixes the already augmented images), in '\(text)'")
        }
        return steps
    }

    private static func parse(_ entry: String) throws(AugmentationParseError) -> ImageAugmentation {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts[0].lowercased(), value = parts.count == 2 ? parts[1] : nil
        func number() throws(AugmentationParseError) -> Float {
            guard let value, let x = Float(value), x.isFinite else {
                throw AugmentationParseError("'\(entry)': \(name) needs a number, as \(name)=VALUE")
            }
            return x
        }
        func integer() throws(AugmentationParseError) -> Int {
            guard let value, let x = Int(value) else { throw AugmentationParseError("'\(entry)': \(name) needs a whole number, as \(name)=N") }
            return x
        }
        let step: ImageAugmentation
        switch name {
        case "crop": step = .crop(padding: try integer())
        case "flip":
            guard value == nil else { throw AugmentationParseError("'\(entry)': flip takes no value") }
            step = .horizontalFlip
        case "rotate": step = .rotation(degrees: try number())
        case "translate": step = .translation(pixels: try number())
        case "noise": step = .gaussianNoise(deviation: try number())
        case "cutout": step = .cutout(size: try integer())
        case "mixup": step = .mixup(alpha: try number())
        default: throw AugmentationParseError("unknown augmentation '\(name)'; known: \(grammar)")
        }
        if let reason = step.invalidReason { throw AugmentationParseError("'\(entry)': \(reason)") }
        return step
    }
}
