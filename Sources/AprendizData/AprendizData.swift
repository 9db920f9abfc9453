// Data sets, loaders and file formats (IDX, CSV, safetensors). Depends on the tensor core only.
import AprendizTensor
