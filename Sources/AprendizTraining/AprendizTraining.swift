// Training: the fit-style trainer, metrics, callbacks and model files.
import AprendizNN
