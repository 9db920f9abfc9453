import AprendizTensor
import Foundation

/// The per-image steps of ``ImageAugmentation`` on one image buffer (HWC), with their random draws taken
/// from the example's own generator in a fixed order.
package enum ImageTransforms {
    /// Applies `step` (not mixup) to `image` in place, using `scratch` (same size) when it resamples.
    package static func apply(_ step: ImageAugmentation, to image: UnsafeMutableBufferPointer<Float>,
                              scratch: UnsafeMutableBufferPointer<Float>, shape: ImageShape, using generator: inout RandomGenerator) {
        switch step {
        case .crop(let padding):
            let dy = Int(generator.next(upperBound: UInt64(2 * padding + 1))), dx = Int(generator.next(upperBound: UInt64(2 * padding + 1)))
            shift(image, scratch: scratch, rows: dy - padding, columns: dx - padding, shape: shape)
        case .horizontalFlip:
            if generator.nextUniform() < 0.5 { flipHorizontally(image, shape: shape) }
        case .rotation(let degrees):
            let angle = (2 * generator.nextUniform() - 1) * degrees * Float.pi / 180
            warp(image, scratch: scratch, AffineWarp(rotation: angle, shape: shape), shape: shape)
        case .translation(let pixels):
            let ty = (2 * generator.nextUniform() - 1) * pixels, tx = (2 * generator.nextUniform() - 1) * pixels
            warp(image, scratch: scratch, AffineWarp(rotation: 0, shift: (ty, tx), shape: shape), shape: shape)
        case .gaussianNoise(let deviation):
            for i in image.indices { image[i] += deviation * Float(generator.nextNormal()) }
        case .cutout(let size):
            let cy = Int(generator.next(upperBound: UInt64(shape.height))), cx = Int(generator.next(upperBound: UInt64(shape.width)))
            erase(image, top: cy - size / 2, left: cx - size / 2, size: size, shape: shape)
        case .mixup:
            preconditionFailure("ImageTransforms: mixup acts on a whole batch (BatchAugmentation)")
        }
    }

    /// x̃[y, x] = x[y + rows, x + columns], 0 outside: the crop of the zero-padded image at offset (rows + p, columns + p).
    package static func shift(_ image: UnsafeMutableBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Float>,
                              rows: Int, columns: Int, shape: ImageShape) {
        let h = shape.height, w = shape.width, c = shape.channels
        _ = scratch.initialize(from: image)
        for y in 0..<h {
            for x in 0..<w {
                let sy = y + rows, sx = x + columns, base = (y * w + x) * c
                let inside = sy >= 0 && sy < h && sx >= 0 && sx < w
                for k in 0..<c { image[base + k] = inside ? scratch[(sy * w + sx) * c + k] : 0 }
            }
        }
    }

    /// x̃[y, x] = x[y, W − 1 − x].
    package static func flipHorizontally(_ image: UnsafeMutableBufferPointer<Float>, shape: ImageShape) {
        let w = shape.width, c = shape.channels
        for y in 0..<shape.height {
            for x in 0..<(w / 2) {
                for k in 0..<c { image.swapAt((y * w + x) * c + k, (y * w + w - 1 - x) * c + k) }
            }
        }
    }

    /// Sets the `size`×`size` square with top-left corner (top, left), clipped to the image, to 0.
    package static func erase(_ image: UnsafeMutableBufferPointer<Float>, top: Int, left: Int, size: Int, shape: ImageShape) {
        let w = shape.width, c = shape.channels
        let rows = max(top, 0)..<max(min(top + size, shape.height), max(top, 0))
        let columns = max(left, 0)..<max(min(left + size, w), max(left, 0))
        for y in rows {
            for x in columns {
                for k in 0..<c { image[(y * w + x) * c + k] = 0 }
            }
        }
    }

    private static func warp(_ image: UnsafeMutableBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Float>,
                             _ map: AffineWarp, shape: ImageShape) {
        _ = scratch.initialize(from: image)
        map.apply(UnsafeBufferPointer(scratch), to: image, shape: shape)
    }
}
