import AprendizPlot
import Foundation
import Testing

@Suite struct MarchingSquaresTests {
    private static let grid = (0...40).map { -2 + Double($0) * 0.1 }
    private static let cone = grid.map { y in grid.map { x in x * x + y * y } }

    @Test func coneLevelOneIsTheUnitCircle() throws {
        let lines = MarchingSquares.isolines(xs: Self.grid, ys: Self.grid, values: Self.cone, level: 1)
        #expect(lines.count == 1)
        let circle = try #require(lines.first)
        #expect(circle.count > 30)
        #expect(circle.first == circle.last, "a closed curve repeats its first point")
        for point in circle { #expect(abs(hypot(point.x, point.y) - 1) < 0.01) }
        // It goes all the way round.
        let angles = Set(circle.map { Int((atan2($0.y, $0.x) + .pi) / (2 * .pi) * 8) % 8 })
        #expect(angles.count == 8)
    }

    @Test func openCurvesEndOnTheBoundary() {
        // Level 5 of the cone crosses the grid boundary (radius √5 > 2): four arcs near the corners.
        let lines = MarchingSquares.isolines(xs: Self.grid, ys: Self.grid, values: Self.cone, level: 5)
        #expect(lines.count == 4)
        for line in lines {
            for end in [line.first!, line.last!] { #expect(max(abs(end.x), abs(end.y)) > 2 - 1e-9) }
            for point in line { #expect(abs(hypot(point.x, point.y) - 5.0.squareRoot()) < 0.01) }
        }
    }

    @Test func saddleAndNonFiniteCellsDoNotCrash() {
        let xs = [0.0, 1, 2], ys = [0.0, 1, 2]
        let saddle = [[1.0, 0, 1], [0, 1, 0], [1, 0, .nan]]
        let lines = MarchingSquares.isolines(xs: xs, ys: ys, values: saddle, level: 0.5)
        #expect(!lines.isEmpty)
        #expect(lines.joined().allSatisfy { $0.x.isFinite && $0.y.isFinite })
        #expect(MarchingSquares.isolines(xs: xs, ys: ys, values: [[1.0]], level: 0.5).isEmpty)
    }

    @Test func levelChoices() {
        let linear = ContourLevels.linear(count: 8).resolved(for: Self.cone)
        #expect(linear.allSatisfy { $0 > 0 && $0 < 8 })
        #expect(linear.count >= 4)
        let logarithmic = ContourLevels.logarithmic(count: 6).resolved(for: Self.cone)
        #expect(logarithmic.count == 6)
        let ratios = zip(logarithmic, logarithmic.dropFirst()).map { $1 / $0 }
        #expect(ratios.allSatisfy { $0 > 1.5 })
        #expect(ContourLevels.values([1, .nan, 0.5]).resolved(for: Self.cone) == [0.5, 1])
    }
}
