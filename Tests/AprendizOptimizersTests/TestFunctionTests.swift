import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

@Suite struct TestFunctionTests {
    @Test(arguments: TestFunction.all.map(\.name))
    func valueAtEveryMinimumIsTheKnownMinimum(_ name: String) throws {
        let f = try TestFunction.named(name)
        for minimum in f.minima {
            expectClose(f.value(at: minimum), f.minimumValue, absolute: 1e-4, "\(name) at \(minimum.scalars)")
        }
    }

    @Test func gradientsMatchHandDerivations() {
        let (x, y): (Float, Float) = (-0.7, 1.3)
        let p = Tensor([x, y])
        // Rosenbrock: ∇f = [−2(1 − x) − 400x(y − x²), 200(y − x²)].
        expectClose(TestFunction.rosenbrock.gradient(at: p), Tensor([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]))
        // Booth: ∇f = [2(x + 2y − 7) + 4(2x + y − 5), 4(x + 2y − 7) + 2(2x + y − 5)].
        let (u, w) = (x + 2 * y - 7, 2 * x + y - 5)
        expectClose(TestFunction.booth.gradient(at: p), Tensor([2 * u + 4 * w, 4 * u + 2 * w]))
        // Himmelblau: ∇f = [4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y(x + y² − 7)].
        let (a, b) = (x * x + y - 11, x + y * y - 7)
        expectClose(TestFunction.himmelblau.gradient(at: p), Tensor([4 * x * a + 2 * b, 2 * a + 4 * y * b]))
        // Waves: ∇f = [x/10 + sin x, y/10 + sin y].
        expectClose(TestFunction.waves.gradient(at: p), Tensor([x / 10 + sin(x), y / 10 + sin(y)]))
        // Rastrigin: ∇f = [2x + 20π sin 2πx, 2y + 20π sin 2πy].
        let twoPi = 2 * Float.pi
        expectClose(TestFunction.rastrigin.gradient(at: p),
                    Tensor([2 * x + 10 * twoPi * sin(twoPi * x), 2 * y + 10 * twoPi * sin(twoPi * y)]), relative: 1e-3)
    }

    @Test func gridValuesEqualPointValues() {
        let f = TestFunction.beale
        let grid = f.values(x: Tensor([[1, 3]]), y: Tensor([[1.5, 0.5]]))
        // Beale at (1, 1.5): (1.5 − 1 + 1.5)² + (2.25 − 1 + 2.25)² + (2.625 − 1 + 3.375)² = 4 + 12.25 + 25.
        expectClose(grid, Tensor([[41.25, 0]]))
        expectClose(f.value(at: Tensor([1, 1.5])), 41.25)
    }
}
