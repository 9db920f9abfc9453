// The kernels for the architecture's baseline: SSE2 on x86-64, NEON on arm64 (see KernelBodies.h):
// 4-float vectors, one xmm or q register.
#define APRENDIZ_VARIANT baseline
#define APRENDIZ_WIDTH 4
#include "KernelBodies.h"
