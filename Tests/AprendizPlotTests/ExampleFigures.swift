// The five kinds of figure the rest of Aprendiz draws, built from synthetic data.
import AprendizPlot
import Foundation

enum ExampleFigures {
    /// (a) An activation function and its derivative, textbook style.
    static func activation() -> Figure {
        var figure = Figure(width: 640, height: 420, title: "ReLU")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "y"
        figure.axes.showsOriginAxes = true
        figure.axes.xRange = -5...5
        figure.axes.plot(function: { max(0, $0) }, over: -5...5, label: "f(x)")
        figure.axes.plot(function: { $0 > 0 ? 1 : 0 }, over: -5...5, label: "f′(x)", style: .dashed())
        return figure
    }

    /// (b) Loss and accuracy per epoch for several learning rates.
    static func training(runs: Int = 6) -> Figure {
        var figure = Figure(width: 960, height: 400, title: "Training <SGD> & momentum", rows: 1, columns: 2)
        figure[row: 0, column: 0].yLabel = "loss"
        figure[row: 0, column: 0].xLabel = "epoch"
        figure[row: 0, column: 0].yScale = .log
        figure[row: 0, column: 1].yLabel = "accuracy"
        figure[row: 0, column: 1].xLabel = "epoch"
        figure[row: 0, column: 1].legendPlacement = .hidden  // same runs as the loss panel
        let markers: [LineStyle.Marker] = [.none, .circle, .square, .triangle, .diamond, .cross]
        for run in 0..<runs {
            let rate = 0.3 / pow(2, Double(run))
            let loss = (1...30).map { epoch in 2.3 * exp(-rate * Double(epoch)) + 0.05 }
            let accuracy = loss.map { 1 - 0.9 * $0 / 2.35 }
            let style = LineStyle(dash: run % 2 == 0 ? .solid : .dashed, marker: markers[run % markers.count], markerSize: 5)
            figure[row: 0, column: 0].plot(perEpoch: loss, label: "lr = \(Ticks.compact(rate))", style: style)
            figure[row: 0, column: 1].plot(perEpoch: accuracy, label: "lr = \(Ticks.compact(rate))", style: style)
        }
        return figure
    }

    /// (c) Two optimizer paths over Rosenbrock's function.
    static func optimizerPaths() -> Figure {
        func rosenbrock(_ x: Double, _ y: Double) -> Double { (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }
        func gradient(_ x: Double, _ y: Double) -> (Double, Double) {
            (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
        }
        var figure = Figure(width: 640, height: 560, title: "Gradient descent on Rosenbrock")
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "y"
        figure.axes.hasEqualAspect = true
        figure.axes.contour(x: -2...2, y: -1...3, resolution: 121, levels: .logarithmic(count: 12)) { rosenbrock($0, $1) }
        for (name, rate, momentum) in [("SGD", 0.001, 0.0), ("momentum 0.9", 0.0002, 0.9)] {
            var (x, y, vx, vy) = (-1.5, 2.5, 0.0, 0.0)
            var xs = [x], ys = [y]
            for _ in 0..<1500 {
                let (gx, gy) = gradient(x, y)
                vx = momentum * vx - rate * gx
                vy = momentum * vy - rate * gy
                x += vx; y += vy
                xs.append(x); ys.append(y)
            }
            figure.axes.plot(x: xs, y: ys, label: name, style: .path(color: name == "SGD" ? .black : PlotColor(hex: "#d62728")))
        }
        return figure
    }

    /// (d) Per-layer gradient norms on a log axis: vanishing gradients.
    static func gradientNorms() -> Figure {
        var figure = Figure(width: 640, height: 400, title: "Gradient norm per layer (sigmoid, 10 layers)")
        figure.axes.yScale = .log
        figure.axes.xLabel = "layer"
        figure.axes.yLabel = "‖∂L/∂W‖"
        let layers = (1...10).map { "dense\($0)" }
        figure.axes.bar(categories: layers, values: (1...10).map { pow(0.25, Double(10 - $0)) * 0.8 }, label: "sigmoid")
        figure.axes.bar(categories: layers, values: (1...10).map { 0.3 + 0.05 * Double($0 % 3) }, label: "ReLU + He init")
        return figure
    }

    /// (e) A confusion matrix.
    static func confusionMatrix() -> Figure {
        let classes = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 10)
        for row in 0..<10 {
            for column in 0..<10 { matrix[row][column] = Double((row * 7 + column * 3) % 11) }
            matrix[row][row] = Double(850 + row * 13)
        }
        var figure = Figure(width: 640, height: 600, title: "Confusion matrix")
        figure.axes.xLabel = "predicted class"
        figure.axes.yLabel = "true class"
        figure.axes.heatMap(matrix: matrix, rowLabels: classes, columnLabels: classes)
        return figure
    }

    static var all: [(String, Figure)] {
        [("activation", activation()), ("training", training()), ("paths", optimizerPaths()),
         ("bars", gradientNorms()), ("confusion", confusionMatrix())]
    }
}
