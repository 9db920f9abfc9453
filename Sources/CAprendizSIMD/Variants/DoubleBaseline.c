// The double kernels for the architecture's baseline (see DoubleKernelBodies.h): 2-double vectors.
#define APRENDIZ_VARIANT baseline
#define APRENDIZ_DOUBLE_WIDTH 2
#include "DoubleKernelBodies.h"
