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
        let groupChannels = g.channels / groups, rowLength = g.taps * g.channels
        // Without dilation and groups a whole window row (kw taps × channels) is contiguous.
        let wholeRows = groups == 1 && g.dilationX == 1
        Parallel.forEach(g.batch) { n in
            var column = n * g.outputPositions * rowLength
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    let firstColumn = g.inputColumn(ox, 0), lastColumn = g.inputColumn(ox, g.windowWidth - 1)
                    let columnsInside = wholeRows && firstColumn >= 0 && lastColumn < g.width
                    for group in 0..<groups {
                        for ky in 0..<g.windowHeight {
                            let iy = g.inputRow(oy, ky)
                            let rowInside = iy >= 0 && iy < g.height
                            let rowStart = (n * g.height + iy) * g.width
                            if columnsInside {
                                let count = g.windowWidth * g.channels
                                if rowInside {
                                    visitor.visit(column: column, input: (rowStart + firstColumn) * g.channels, count: count)
                                } else {
                                    visitor.visitPadding(column: column, count: count)
                                }
                                column += count
                                continue
                            }
                            for kx in 0..<g.windowWidth {
                                let ix = g.inputColumn(ox, kx)
                                if rowInside && ix >= 0 && ix < g.width {
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

    /// A short copy as a plain loop: most runs are a few channels, too short for `memmove` to pay.
    @inline(__always)
    fileprivate static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for c in 0..<count { target[c] = source[c] }
    }
}
