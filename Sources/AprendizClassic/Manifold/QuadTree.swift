/// A quad tree over 2-D points for the Barnes–Hut approximation of t-SNE's repulsive forces
/// (van der Maaten 2014; scikit-learn's `_QuadTree`).
///
/// Each cell stores its points' count and centre of mass; a cell whose largest side s seen from yᵢ at
/// squared distance r² satisfies s²/r² < θ² stands for all its points:
/// ```
/// w = 1/(1 + r²),   Z_i += N·w,   F_i += N·w²·(yᵢ − centre of mass)
/// ```
/// Cells split into four until they hold one point (or identical points, or 48 levels deep).
struct QuadTree: Sendable {
    struct Cell: Sendable {
        var centerX = 0.0, centerY = 0.0
        /// The largest side of the cell, squared.
        var squaredWidth = 0.0
        /// The points of the cell are `order[first..<first + count]`.
        var first = 0, count = 0
        /// Index of the first of four children, or −1 for a leaf.
        var children = -1
    }

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
        cells.reserveCapacity(2 * n)
        cells.append(Cell())
        build(cell: 0, first: 0, count: n, bounds: (minX, minY, maxX, maxY), depth: 0)
    }

    private mutating func build(cell: Int, first: Int, count: Int, bounds: (Double, Double, Double, Double), depth: Int) {
        var (sx, sy) = (0.0, 0.0)
        for m in first..<(first + count) { sx += points[2 * order[m]]; sy += points[2 * order[m] + 1] }
        let (width, height) = (bounds.2 - bounds.0, bounds.3 - bounds.1)
        cells[cell].centerX = sx / Double(count)
        cells[cell].centerY = sy / Double(count)
        cells[cell].squaredWidth = max(width, height) * max(width, height)
        cells[cell].first = first
        cells[cell].count = count
        guard count > 1, depth < 48, width > 0 || height > 0 else { return }
        let (midX, midY) = ((bounds.0 + bounds.2) / 2, (bounds.1 + bounds.3) / 2)
        // Partition order[first..<first+count] into the quadrants (x < mid, y < mid) 0, (≥, <) 1, (<, ≥) 2, (≥, ≥) 3.
        func quadrant(_ i: Int) -> Int { (points[2 * i] < midX ? 0 : 1) + (points[2 * i + 1] < midY ? 0 : 2) }
        let segment = order[first..<(first + count)]
        var counts = [0, 0, 0, 0]
        for i in segment { counts[quadrant(i)] += 1 }
        var starts = [first, first + counts[0], first + counts[0] + counts[1], first + counts[0] + counts[1] + counts[2]]
        let begin = starts
        for i in segment { order[starts[quadrant(i)]] = i; starts[quadrant(i)] += 1 }
        let children = cells.count
        cells[cell].children = children
        cells.append(contentsOf: repeatElement(Cell(), count: 4))
        let quadrantBounds = [(bounds.0, bounds.1, midX, midY), (midX, bounds.1, bounds.2, midY),
                              (bounds.0, midY, midX, bounds.3), (midX, midY, bounds.2, bounds.3)]
        for q in 0..<4 where counts[q] > 0 {
            build(cell: children + q, first: begin[q], count: counts[q], bounds: quadrantBounds[q], depth: depth + 1)
        }
    }

    /// Σ_{j≠i} w²_ij (yᵢ − yⱼ) and Σ_{j≠i} w_ij, approximated with opening angle θ = `angle`.
    func repulsion(on i: Int, angle: Double) -> (x: Double, y: Double, z: Double) {
        let (px, py) = (points[2 * i], points[2 * i + 1])
        let squaredAngle = angle * angle
        var (fx, fy, z) = (0.0, 0.0, 0.0)
        var stack = [0]
        stack.reserveCapacity(64)
        while let c = stack.popLast() {
            let cell = cells[c]
            if cell.count == 0 { continue }
            let (dx, dy) = (px - cell.centerX, py - cell.centerY)
            let r2 = dx * dx + dy * dy
            if cell.children >= 0 && !(r2 > 0 && cell.squaredWidth / r2 < squaredAngle) {
                for q in 0..<4 { stack.append(cell.children + q) }
                continue
            }
            if cell.children < 0 && order[cell.first..<(cell.first + cell.count)].contains(i) {
                // A leaf holding yᵢ itself: its other points (identical ones, or a depth-limited leaf) one by one.
                for m in cell.first..<(cell.first + cell.count) where order[m] != i {
                    let j = order[m]
                    let (ex, ey) = (px - points[2 * j], py - points[2 * j + 1])
                    let w = 1 / (1 + ex * ex + ey * ey)
                    (fx, fy, z) = (fx + w * w * ex, fy + w * w * ey, z + w)
                }
                continue
            }
            let w = 1 / (1 + r2), size = Double(cell.count)
            (fx, fy, z) = (fx + size * w * w * dx, fy + size * w * w * dy, z + size * w)
        }
        return (fx, fy, z)
    }
}
