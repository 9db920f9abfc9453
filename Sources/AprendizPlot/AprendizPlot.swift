// SVG plotting: lines, axes, legends, contours, bars, heat maps. Depends on nothing.
