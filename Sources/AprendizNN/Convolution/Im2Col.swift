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
        forEachTap(geometry, groups: groups) { columnOffset, inputOffset, count in
            if let inputOffset {
                copy(input + inputOffset, to: columns + columnOffset, count: count)
            } else {
                (columns + columnOffset).update(repeating: 0, count: count)
            }
        }
    }

    /// Adds every row of `columns` into the input positions it was read from; `input` must start
    /// at zero (or hold a gradient to accumulate into).
    static func accumulate(_ columns: UnsafePointer<Float>, _ geometry: WindowGeometry, groups: Int,
                           into input: UnsafeMutablePointer<Float>) {
        forEachTap(geometry, groups: groups) { columnOffset, inputOffset, count in
            guard let inputOffset else { return }
            let source = columns + columnOffset, target = input + inputOffset
            for c in 0..<count { target[c] += source[c] }
        }
    }

    /// Calls `body(columnOffset, inputOffset or nil for padding, count)` for every contiguous run
    /// of a row, images in parallel, rows of one image in order.
    @inline(__always)
    private static func forEachTap(_ g: WindowGeometry, groups: Int,
                                   _ body: (_ column: Int, _ input: Int?, _ count: Int) -> Void) {
        let groupChannels = g.channels / groups, rowLength = g.taps * g.channels
        // Without dilation and groups a whole window row (kw taps × channels) is contiguous.
        let wholeRows = groups == 1 && g.dilationX == 1
        Parallel.forEach(g.batch) { n in
            var column = n * g.outputPositions * rowLength
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    for group in 0..<groups {
                        for ky in 0..<g.windowHeight {
                            let iy = g.inputRow(oy, ky)
                            let rowInside = iy >= 0 && iy < g.height
                            let rowStart = (n * g.height + iy) * g.width
                            let firstColumn = g.inputColumn(ox, 0), lastColumn = g.inputColumn(ox, g.windowWidth - 1)
                            if wholeRows, firstColumn >= 0, lastColumn < g.width {
                                body(column, rowInside ? (rowStart + firstColumn) * g.channels : nil, g.windowWidth * g.channels)
                                column += g.windowWidth * g.channels
                                continue
                            }
                            for kx in 0..<g.windowWidth {
                                let ix = g.inputColumn(ox, kx)
                                let inside = rowInside && ix >= 0 && ix < g.width
                                body(column, inside ? (rowStart + ix) * g.channels + group * groupChannels : nil, groupChannels)
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
    private static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for c in 0..<count { target[c] = source[c] }
    }
}
