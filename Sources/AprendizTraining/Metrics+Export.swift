// The scores a trainer reports (accuracy, confusion matrix, R², …) live in AprendizMetrics, which
// classic-ML models share without pulling in layers and optimizers; re-exported so that
// `import AprendizTraining` keeps giving them.
@_exported import AprendizMetrics
