import Foundation

/// Resamples an image under an affine map of its coordinates with bilinear interpolation and zeros
/// outside (§24.6: small rotations and translations), the convention of
/// `scipy.ndimage.affine_transform(x, A, offset, order=1, mode="grid-constant", cval=0)` per channel:
/// ```
/// output[o] = Σ bilinear weights · x[neighbours of i],   i = A·o + offset   (o, i as (row, column))
/// rotation by θ about c = ((H − 1)/2, (W − 1)/2), then a shift by t = (ty, tx):
///   i = R(θ)(o − c − t) + c,   R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]],   offset = c − R(θ)(c + t)
/// ```
/// A neighbour outside the image counts as 0 (so a pixel half outside is half as bright).
package struct AffineWarp: Sendable, Equatable {
    /// A, row-major 2×2 (output (row, column) → input (row, column)).
    package let matrix: (Float, Float, Float, Float)
    /// The offset added after A.
    package let offset: (Float, Float)

    package static func == (a: AffineWarp, b: AffineWarp) -> Bool {
        a.matrix == b.matrix && a.offset == b.offset
    }

    package init(matrix: (Float, Float, Float, Float), offset: (Float, Float)) {
        self.matrix = matrix
        self.offset = offset
    }

    /// The rotation by `radians` about the centre of an image of `shape`, followed by a shift of (ty, tx) pixels.
    package init(rotation radians: Float, shift: (Float, Float) = (0, 0), shape: ImageShape) {
        let c = Float(Foundation.cos(Double(radians))), s = Float(Foundation.sin(Double(radians)))
        let cy = Float(shape.height - 1) / 2, cx = Float(shape.width - 1) / 2
        let py = cy + shift.0, px = cx + shift.1
        matrix = (c, -s, s, c)
        offset = (cy - (c * py - s * px), cx - (s * py + c * px))
    }

    /// Writes the warped `input` (H·W·C values, HWC) into `output`.
    package func apply(_ input: UnsafeBufferPointer<Float>, to output: UnsafeMutableBufferPointer<Float>, shape: ImageShape) {
        let h = shape.height, w = shape.width, channels = shape.channels
        for row in 0..<h {
            for column in 0..<w {
                let iy = matrix.0 * Float(row) + matrix.1 * Float(column) + offset.0
                let ix = matrix.2 * Float(row) + matrix.3 * Float(column) + offset.1
                let y0 = Int(iy.rounded(.down)), x0 = Int(ix.rounded(.down))
                let fy = iy - Float(y0), fx = ix - Float(x0)
                let base = (row * w + column) * channels
                for channel in 0..<channels {
                    func pixel(_ y: Int, _ x: Int) -> Float {
                        y >= 0 && y < h && x >= 0 && x < w ? input[(y * w + x) * channels + channel] : 0
                    }
                    let top = pixel(y0, x0) * (1 - fx) + pixel(y0, x0 + 1) * fx
                    let bottom = pixel(y0 + 1, x0) * (1 - fx) + pixel(y0 + 1, x0 + 1) * fx
                    output[base + channel] = top * (1 - fy) + bottom * fy
                }
            }
        }
    }
}
