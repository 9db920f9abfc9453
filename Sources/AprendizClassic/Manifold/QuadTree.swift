/// A quad tree over 2-D points for the Barnes–Hut approximation of t-SNE's repulsive forces
/// (van der Maaten 2014; scikit-learn's `_QuadTree`).
///
/// Each cell stores its points' count and centre of mass; a cell whose largest side s seen from yᵢ at
/// squared distance r² satisfies s²/r² < θ² stands for all its points:
/// ```
/// w = 1/(1 + r²),   Z_i += N·w,   F_i += N·w²·(yᵢ − centre of mass)
/// ```
/// Cells split into four until they hold one point (or identical points, or 48 levels deep).
/// The build partitions one index array in place (a scratch array for the stable split, no allocation per
/// cell) and the traversal keeps its stack in one buffer per block of points: t-SNE rebuilds and walks the
/// tree every iteration, so both are allocation-free in their loops.
struct QuadTree: Sendable {
    /// 32 bytes, so that two cells share a cache line in the traversal.
    struct Cell: Sendable {
        var centerX = 0.0, centerY = 0.0
        /// The largest side of the cell, squared.
        var squaredWidth = 0.0
        var count: Int32 = 0
        /// Index of the first of four children; for a leaf −1 − first, its points being `order[first..<first + count]`.
        var link: Int32 = -1

        var isLeaf: Bool { link < 0 }
        var children: Int { Int(link) }
        var first: Int { Int(-1 - link) }
    }

    /// The deepest split (a cell this deep stays a leaf whatever it holds).
    static let maximumDepth = 48
    /// Room for the traversal stack: each level pushes at most four cells and pops one.
    private static let stackCapacity = 3 * maximumDepth + 8

    private(set) var cells: [Cell] = []
    /// The point indices, grouped by cell.
    private(set) var order: [Int]
    private let points: [Double]

    /// The tree over `points` (row-major `count × 2`).
    init(points: [Double]) {
        self.points = points
        let n = points.count / 2
        order = Array(0..<n)
        guard n > 0 else { return }
        var (minX, minY, maxX, maxY) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
        for i in 0..<n {
            (minX, maxX) = (min(minX, points[2 * i]), max(maxX, points[2 * i]))
            (minY, maxY) = (min(minY, points[2 * i + 1]), max(maxY, points[2 * i + 1]))
        }
        var cells: [Cell] = []
        cells.reserveCapacity(3 * n)
        cells.append(Cell())
        var scratch = [Int](repeating: 0, count: n)
        points.withUnsafeBufferPointer { p in
            order.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    Self.build(&cells, cell: 0, first: 0, count: n, bounds: (minX, minY, maxX, maxY), depth: 0,
                               points: p.baseAddress!, order: o.baseAddress!, scratch: s.baseAddress!)
                }
            }
        }
        self.cells = cells
    }

    /// Fills `cells[cell]` for `order[first..<first + count]` and splits it into quadrants (x < mid, y < mid) 0,
    /// (≥, <) 1, (<, ≥) 2, (≥, ≥) 3, keeping the points' order within each quadrant.
    private static func build(_ cells: inout [Cell], cell: Int, first: Int, count: Int, bounds: (Double, Double, Double, Double),
                              depth: Int, points: UnsafePointer<Double>, order: UnsafeMutablePointer<Int>,
                              scratch: UnsafeMutablePointer<Int>) {
        var (sx, sy) = (0.0, 0.0)
        for m in first..<(first + count) { sx += points[2 * order[m]]; sy += points[2 * order[m] + 1] }
        let (width, height) = (bounds.2 - bounds.0, bounds.3 - bounds.1)
        cells[cell].centerX = sx / Double(count)
        cells[cell].centerY = sy / Double(count)
        cells[cell].squaredWidth = max(width, height) * max(width, height)
        cells[cell].count = Int32(count)
        cells[cell].link = Int32(-1 - first)
        guard count > 1, depth < maximumDepth, width > 0 || height > 0 else { return }
        let (midX, midY) = ((bounds.0 + bounds.2) / 2, (bounds.1 + bounds.3) / 2)
        @inline(__always) func quadrant(_ i: Int) -> Int { (points[2 * i] < midX ? 0 : 1) + (points[2 * i + 1] < midY ? 0 : 2) }
        var (c0, c1, c2) = (0, 0, 0)
        for m in first..<(first + count) {
            switch quadrant(order[m]) {
            case 0: c0 += 1
            case 1: c1 += 1
            case 2: c2 += 1
            default: break
            }
        }
        let begin = (first, first + c0, first + c0 + c1, first + c0 + c1 + c2)
        var next = begin
        for m in first..<(first + count) {
            let i = order[m]
            switch quadrant(i) {
            case 0: scratch[next.0] = i; next.0 += 1
            case 1: scratch[next.1] = i; next.1 += 1
            case 2: scratch[next.2] = i; next.2 += 1
            default: scratch[next.3] = i; next.3 += 1
            }
        }
        (order + first).update(from: scratch + first, count: count)
        let children = cells.count
        cells[cell].link = Int32(children)
        cells.append(contentsOf: repeatElement(Cell(), count: 4))
        let counts = (c0, c1, c2, count - c0 - c1 - c2)
        if counts.0 > 0 {
            build(&cells, cell: children, first: begin.0, count: counts.0, bounds: (bounds.0, bounds.1, midX, midY), depth: depth + 1,
                  points: points, order: order, scratch: scratch)
        }
        if counts.1 > 0 {
            build(&cells, cell: children + 1, first: begin.1, count: counts.1, bounds: (midX, bounds.1, bounds.2, midY), depth: depth + 1,
                  points: points, order: order, scratch: scratch)
        }
        if counts.2 > 0 {
            build(&cells, cell: children + 2, first: begin.2, count: counts.2, bounds: (bounds.0, midY, midX, bounds.3), depth: depth + 1,
                  points: points, order: order, scratch: scratch)
        }
        if counts.3 > 0 {
            build(&cells, cell: children + 3, first: begin.3, count: counts.3, bounds: (midX, midY, bounds.2, bounds.3), depth: depth + 1,
                  points: points, order: order, scratch: scratch)
        }
    }

    /// Σ_{j≠i} w²_ij (yᵢ − yⱼ) and Σ_{j≠i} w_ij, approximated with opening angle θ = `angle`, for the points
    /// i = `order[m]`, m in `positions`, handed to `body(i, fx, fy, z)` in that order. Walking the points in
    /// tree order makes consecutive walks visit the same cells (cache locality); each point's sums do not
    /// depend on it. A cell is summarised when s² < θ²·r² (no division or square root), and empty children
    /// are never pushed.
    func repulsion(onTreeOrder positions: Range<Int>, angle: Double, _ body: (Int, Double, Double, Double) -> Void) {
        let squaredAngle = angle * angle
        cells.withUnsafeBufferPointer { cells in
            order.withUnsafeBufferPointer { order in
                points.withUnsafeBufferPointer { points in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.stackCapacity) { stack in
                        for position in positions {
                            let i = order[position]
                            let (px, py) = (points[2 * i], points[2 * i + 1])
                            var (fx, fy, z) = (0.0, 0.0, 0.0)
                            stack[0] = 0
                            var top = 1
                            while top > 0 {
                                top -= 1
                                let cell = cells[Int(stack[top])]
                                let (dx, dy) = (px - cell.centerX, py - cell.centerY)
                                let r2 = dx * dx + dy * dy
                                if !cell.isLeaf {
                                    if !(cell.squaredWidth < squaredAngle * r2) {
                                        let children = cell.link
                                        for q in Int32(0)..<4 where cells[Int(children + q)].count > 0 {
                                            stack[top] = children + q
                                            top += 1
                                        }
                                        continue
                                    }
                                } else if cell.first <= position && position < cell.first + Int(cell.count) {
                                    // A leaf holding yᵢ itself: its other points (identical ones, or a depth-limited leaf) one by one.
                                    for m in cell.first..<(cell.first + Int(cell.count)) where m != position {
                                        let j = order[m]
                                        let (ex, ey) = (px - points[2 * j], py - points[2 * j + 1])
                                        let w = 1 / (1 + ex * ex + ey * ey)
                                        (fx, fy, z) = (fx + w * w * ex, fy + w * w * ey, z + w)
                                    }
                                    continue
                                }
                                let w = 1 / (1 + r2), size = Double(cell.count)
                                let sw = size * w
                                (fx, fy, z) = (fx + sw * w * dx, fy + sw * w * dy, z + sw)
                            }
                            body(i, fx, fy, z)
                        }
                    }
                }
            }
        }
    }
}
