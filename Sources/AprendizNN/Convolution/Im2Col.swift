import AprendizTensor

/// The im2col lowering that turns a convolution into one matrix product, and its adjoint col2im.
///
/// Row r = (n, oy, ox) of the column matrix holds the input values that output position (oy, ox)
/// of image n sees, ordered (group, ky, kx, channel-in-group) — the order of the `[kh, kw, cᵢₙ/g, cₒᵤₜ]`
/// filter read as a `[kh·kw·cᵢₙ/g, cₒᵤₜ]` matrix, so that for each group
/// ```
/// Y_g[rows, cₒᵤₜ/g] = columns_g[rows, kh·kw·cᵢₙ/g] · W_g[kh·kw·cᵢₙ/g, cₒᵤₜ/g]
/// ```
/// Positions in the padding read 0. In NHWC the channels of one tap are contiguous, so a row is
/// built from kh·kw (or, without dilation and groups, kh) contiguous copies. col2im adds each row
/// back into the positions it was read from (the transpose of the lowering), which is ∂L/∂input.
///
/// Both work on a range of images, on the calling thread: `Convolution` lowers the batch a block
/// of images at a time into a cache-sized buffer and multiplies it at once, blocks in parallel.
enum Im2Col {
    /// Writes the column matrix rows of `images` into `columns` (row 0 = the first output position
    /// of `images.lowerBound`).
    static func lower(_ input: UnsafePointer<Float>, _ geometry: WindowGeometry, groups: Int, images: Range<Int>,
                      into columns: UnsafeMutablePointer<Float>) {
        guard groups == 1 && geometry.dilationX == 1 else {
            let first = images.lowerBound * geometry.outputPositions * geometry.taps * geometry.channels
            forEachRun(geometry, groups: groups, images: images, Lowering(input: input, columns: columns - first))
            return
        }
        let padded = PaddedImage(geometry)
        Workspace.with(floats: padded.count) { scratch in
            for (block, n) in images.enumerated() {
                let image = padded.load(input + n * geometry.imageSize, into: scratch)
                forEachWindowRow(geometry, imageWidth: padded.width,
                                 Lowering(input: image, columns: columns + block * padded.columnsPerImage))
            }
        }
    }

    /// Adds every row of `columns` (the rows of `images`, as ``lower`` writes them) into the input
    /// positions it was read from; `input` is the whole batch and must start at zero (or hold a
    /// gradient to accumulate into).
    static func accumulate(_ columns: UnsafePointer<Float>, _ geometry: WindowGeometry, groups: Int, images: Range<Int>,
                           into input: UnsafeMutablePointer<Float>) {
        guard groups == 1 && geometry.dilationX == 1 else {
            let first = images.lowerBound * geometry.outputPositions * geometry.taps * geometry.channels
            forEachRun(geometry, groups: groups, images: images, Accumulation(columns: columns - first, input: input))
            return
        }
        let padded = PaddedImage(geometry)
        Workspace.with(floats: padded.count) { scratch in
            for (block, n) in images.enumerated() {
                let image = padded.gradient(of: input + n * geometry.imageSize, scratch: scratch)
                forEachWindowRow(geometry, imageWidth: padded.width,
                                 Accumulation(columns: columns + block * padded.columnsPerImage, input: image))
                padded.addInterior(of: scratch, to: input + n * geometry.imageSize)
            }
        }
    }

    /// One image with the geometry's zero padding made explicit, so that the lowering loop never
    /// checks a bound: the padded copy (or the image itself, when there is no padding) holds every
    /// position any window reads.
    private struct PaddedImage {
        let geometry: WindowGeometry
        let height: Int, width: Int
        var isPadded: Bool { height != geometry.height || width != geometry.width }
        var count: Int { isPadded ? height * width * geometry.channels : 0 }
        var columnsPerImage: Int { geometry.outputPositions * geometry.taps * geometry.channels }

        init(_ geometry: WindowGeometry) {
            self.geometry = geometry
            height = geometry.height + geometry.padTop + geometry.padBottom
            width = geometry.width + geometry.padLeft + geometry.padRight
        }

        /// The image to read windows from: `image` itself, or its zero-padded copy in `scratch`.
        func load(_ image: UnsafePointer<Float>, into scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
            guard isPadded else { return image }
            scratch.update(repeating: 0, count: count)
            let line = geometry.width * geometry.channels
            for y in 0..<geometry.height {
                (scratch + interiorOffset(row: y)).update(from: image + y * line, count: line)
            }
            return UnsafePointer(scratch)
        }

        /// Where col2im accumulates: the image's gradient itself, or a zeroed padded `scratch`
        /// (added back with ``addInterior(of:to:)``).
        func gradient(of image: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
            guard isPadded else { return image }
            scratch.update(repeating: 0, count: count)
            return scratch
        }

        /// image += the interior of the padded `scratch` (nothing when unpadded: col2im wrote in place).
        func addInterior(of scratch: UnsafePointer<Float>, to image: UnsafeMutablePointer<Float>) {
            guard isPadded else { return }
            let line = geometry.width * geometry.channels
            for y in 0..<geometry.height { Im2Col.add(scratch + interiorOffset(row: y), to: image + y * line, count: line) }
        }

        private func interiorOffset(row y: Int) -> Int {
            ((y + geometry.padTop) * width + geometry.padLeft) * geometry.channels
        }
    }

    /// What to do with one contiguous run of a row: a generic parameter rather than a closure, so
    /// the compiler specialises and inlines it into the loops.
    private protocol RunVisitor {
        func visit(column: Int, input: Int, count: Int)
        func visitPadding(column: Int, count: Int)
    }

    private struct Lowering: RunVisitor, @unchecked Sendable {
        let input: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>
        @inline(__always) func visit(column: Int, input offset: Int, count: Int) {
            Im2Col.copy(input + offset, to: columns + column, count: count)
        }
        @inline(__always) func visitPadding(column: Int, count: Int) {
            for c in 0..<count { columns[column + c] = 0 }
        }
    }

    private struct Accumulation: RunVisitor, @unchecked Sendable {
        let columns: UnsafePointer<Float>, input: UnsafeMutablePointer<Float>
        @inline(__always) func visit(column: Int, input offset: Int, count: Int) {
            Im2Col.add(columns + column, to: input + offset, count: count)
        }
        @inline(__always) func visitPadding(column: Int, count: Int) {}
    }

    /// Visits every contiguous run of every row of `images`, in order.
    private static func forEachRun<Visitor: RunVisitor>(_ g: WindowGeometry, groups: Int, images: Range<Int>,
                                                        _ visitor: Visitor) {
        let groupChannels = g.channels / groups, rowLength = g.taps * g.channels
        for n in images {
            var column = n * g.outputPositions * rowLength
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    for group in 0..<groups {
                        for ky in 0..<g.windowHeight {
                            let iy = g.inputRow(oy, ky)
                            let rowStart = (n * g.height + iy) * g.width
                            for kx in 0..<g.windowWidth {
                                let ix = g.inputColumn(ox, kx)
                                if iy >= 0 && iy < g.height && ix >= 0 && ix < g.width {
                                    visitor.visit(column: column, input: (rowStart + ix) * g.channels + group * groupChannels,
                                                  count: groupChannels)
                                } else {
                                    visitor.visitPadding(column: column, count: groupChannels)
                                }
                                column += groupChannels
                            }
                        }
                    }
                }
            }
        }
    }

    /// The common case (one group, no horizontal dilation) on one image whose windows all lie
    /// inside it (a `PaddedImage`, `imageWidth` wide): a window row is kw·channels contiguous
    /// inputs, so each row of the column matrix is kh copies, and the innermost loop only advances
    /// two offsets. (At LeNet-5's sizes — runs of 5 floats in the first layer — per-tap bounds
    /// checks cost more than the copies.)
    private static func forEachWindowRow<Visitor: RunVisitor>(_ g: WindowGeometry, imageWidth: Int, _ visitor: Visitor) {
        let channels = g.channels, run = g.windowWidth * channels, rowLength = g.taps * channels
        let inputStep = g.strideX * channels
        for oy in 0..<g.outputHeight {
            for ky in 0..<g.windowHeight {
                var input = (oy * g.strideY + ky * g.dilationY) * imageWidth * channels
                var column = oy * g.outputWidth * rowLength + ky * run
                for _ in 0..<g.outputWidth {
                    visitor.visit(column: column, input: input, count: run)
                    column += rowLength
                    input += inputStep
                }
            }
        }
    }

    /// A short copy of `count` floats without a scalar tail: the first and the last vector of the
    /// run may overlap (they write the same values twice), which is cheaper than a loop of `count`
    /// scalars when, as here, most runs are a window row of a few channels (5 floats in LeNet-5's
    /// first layer). Never reads or writes outside `[0, count)`.
    @inline(__always)
    fileprivate static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset * 4, as: SIMD8<Float>.self),
                              toByteOffset: offset * 4, as: SIMD8<Float>.self)
                offset += 8
            }
            let last = (count - 8) * 4
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: last, as: SIMD8<Float>.self), toByteOffset: last, as: SIMD8<Float>.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: SIMD4<Float>.self)
            let tail = from.loadUnaligned(fromByteOffset: (count - 4) * 4, as: SIMD4<Float>.self)
            to.storeBytes(of: head, as: SIMD4<Float>.self)
            to.storeBytes(of: tail, toByteOffset: (count - 4) * 4, as: SIMD4<Float>.self)
        } else {
            for c in 0..<count { target[c] = source[c] }
        }
    }

    /// target[0..<count] += source[0..<count], with the tensor core's dispatched C kernel.
    @inline(__always)
    fileprivate static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        ArrayArithmetic.add(target, source, target, count)
    }
}
