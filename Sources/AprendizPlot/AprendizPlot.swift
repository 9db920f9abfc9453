// AprendizPlot — SVG plotting for Aprendiz: lines, axes, legends, contours, bars, heat maps.
// Depends on Foundation only.
//
// Start with `Figure` (the canvas, `svg()` and `write(to:)`), draw into its `Axes`
// (`plot`, `bar`, `contour`, `heatMap`), style lines with `LineStyle`, colour with `PlotColor` and
// `Colormap`. `Ticks` and `MarchingSquares` are public for reuse and testing.
