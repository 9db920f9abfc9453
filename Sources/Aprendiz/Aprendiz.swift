// The umbrella module: `import Aprendiz` brings in every layer of the package.
@_exported import AprendizTensor
@_exported import AprendizAutodiff
@_exported import AprendizNN
@_exported import AprendizOptimizers
@_exported import AprendizData
@_exported import AprendizMetrics
@_exported import AprendizTraining
@_exported import AprendizClassic
@_exported import AprendizPlot
@_exported import AprendizLinearAlgebra
@_exported import AprendizCalculus
@_exported import AprendizStatistics
@_exported import AprendizMetaheuristics
@_exported import AprendizDistributed
