// Picks the double kernel variant (Variants/Double*.c) at the level the float kernels run at
// (Dispatch.c: the CPU's best, or lower with APRENDIZ_SIMD).
#include "include/AprendizDoubleKernels.h"
#include "include/AprendizSIMD.h"

extern const aprendiz_double_kernel_table aprendiz_double_kernels_baseline;
#if defined(__x86_64__)
extern const aprendiz_double_kernel_table aprendiz_double_kernels_avx2;
extern const aprendiz_double_kernel_table aprendiz_double_kernels_avx512;
#endif

const aprendiz_double_kernel_table *aprendiz_double_kernels(void) {
#if defined(__x86_64__)
    aprendiz_simd_level level = aprendiz_simd_active_level();
    if (level == aprendiz_simd_avx512) return &aprendiz_double_kernels_avx512;
    if (level == aprendiz_simd_avx2) return &aprendiz_double_kernels_avx2;
#endif
    return &aprendiz_double_kernels_baseline;
}
