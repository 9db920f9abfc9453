// The double kernels for AVX-512 F (see DoubleKernelBodies.h): 8-double vectors in zmm registers.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)
#define APRENDIZ_VARIANT avx512
#define APRENDIZ_DOUBLE_WIDTH 8
#include "DoubleKernelBodies.h"
#pragma clang attribute pop
#endif
