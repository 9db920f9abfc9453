// The kernels for AVX2 + FMA3 (see KernelBodies.h): 8-float vectors in ymm registers.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define APRENDIZ_VARIANT avx2
#define APRENDIZ_WIDTH 8
#include "KernelBodies.h"
#pragma clang attribute pop
#endif
