// The kernels for AVX-512 F (see KernelBodies.h): 16-float vectors in zmm registers.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)
#define APRENDIZ_VARIANT avx512
#define APRENDIZ_WIDTH 16
#include "KernelBodies.h"
#pragma clang attribute pop
#endif
