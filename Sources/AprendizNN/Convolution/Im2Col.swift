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
/// Both run in parallel over the images of the batch (different images never share an output).
enum Im2Col {
    /// Writes the `[rows, kh·kw·channels]` column matrix of `input` into `columns`.
    static func lower(_ input: UnsafePointer<Float>, _ geometry: WindowGeometry, groups: Int,
                      into columns: UnsafeMutablePointer<Float>) {
        forEachRun(geometry, groups: groups, Lowering(input: input, columns: columns))
    }

    /// Adds every row of `columns` into the input positions it was read from; `input` must start
    /// at zero (or hold a gradient to accumulate into).
    static func accumulate(_ columns: UnsafePointer<Float>, _ geometry: WindowGeometry, groups: Int,
                           into input: UnsafeMutablePointer<Float>) {
        forEachRun(geometry, groups: groups, Accumulation(columns: columns, input: input))
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
            let source = columns + column, target = input + offset
            for c in 0..<count { target[c] += source[c] }
        }
        @inline(__always) func visitPadding(column: Int, count: Int) {}
    }

    /// Visits every contiguous run of every row, images in parallel, rows of one image in order.
    private static func forEachRun<Visitor: RunVisitor>(_ g: WindowGeometry, groups: Int, _ visitor: Visitor) {
        if groups == 1 && g.dilationX == 1 {
            forEachWindowRow(g, visitor)
            return
        }
        let groupChannels = g.channels / groups, rowLength = g.taps * g.channels
        Parallel.forEach(g.batch) { n in
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

    /// The common case (one group, no horizontal dilation): a window row is kw·channels contiguous
    /// inputs. Loops run (image, output row, window row, output column), so the innermost loop only
    /// advances two offsets — the per-position bookkeeping of the general loop cost more than the
    /// copies at LeNet-5's sizes.
    private static func forEachWindowRow<Visitor: RunVisitor>(_ g: WindowGeometry, _ visitor: Visitor) {
        let channels = g.channels, run = g.windowWidth * channels, rowLength = g.taps * channels
        Parallel.forEach(g.batch) { n in
            for oy in 0..<g.outputHeight {
                let firstRow = (n * g.outputPositions + oy * g.outputWidth) * rowLength
                for ky in 0..<g.windowHeight {
                    let iy = g.inputRow(oy, ky)
                    var column = firstRow + ky * run
                    guard iy >= 0 && iy < g.height else {
                        for _ in 0..<g.outputWidth {
                            visitor.visitPadding(column: column, count: run)
                            column += rowLength
                        }
                        continue
                    }
                    let line = (n * g.height + iy) * g.width * channels
                    for ox in 0..<g.outputWidth {
                        let first = g.inputColumn(ox, 0)
                        if first >= 0 && first + g.windowWidth <= g.width {
                            visitor.visit(column: column, input: line + first * channels, count: run)
                        } else {
                            for kx in 0..<g.windowWidth where first + kx >= 0 && first + kx < g.width {
                                visitor.visit(column: column + kx * channels, input: line + (first + kx) * channels, count: channels)
                            }
                            for kx in 0..<g.windowWidth where first + kx < 0 || first + kx >= g.width {
                                visitor.visitPadding(column: column + kx * channels, count: channels)
                            }
                        }
                        column += rowLength
                    }
                }
            }
        }
    }

    /// A short copy as a plain loop: most runs are a few channels, too short for `memmove` to pay.
    @inline(__always)
    fileprivate static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for c in 0..<count { target[c] = source[c] }
    }
}
