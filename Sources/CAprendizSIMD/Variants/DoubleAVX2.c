// The double kernels for AVX2 + FMA3 (see DoubleKernelBodies.h): 4-double vectors in ymm registers.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define APRENDIZ_VARIANT avx2
#define APRENDIZ_DOUBLE_WIDTH 4
#include "DoubleKernelBodies.h"
#pragma clang attribute pop
#endif
