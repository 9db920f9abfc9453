// Picks the kernel variant (Variants/) for this CPU, once, on first use.
//
// `__builtin_cpu_supports` reads CPUID and checks that the operating system saves the wide
// registers (XGETBV), so a CPU with AVX-512 under a kernel that does not enable it gets AVX2.
// `APRENDIZ_SIMD=baseline|avx2|avx512` lowers the level (never above what is supported), to compare
// variants or to rule one out.
#include "include/AprendizSIMD.h"
#include <stdlib.h>
#include <string.h>

extern const aprendiz_kernel_table aprendiz_kernels_baseline;
#if defined(__x86_64__)
extern const aprendiz_kernel_table aprendiz_kernels_avx2;
extern const aprendiz_kernel_table aprendiz_kernels_avx512;
#endif

aprendiz_simd_level aprendiz_simd_supported_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return aprendiz_simd_avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return aprendiz_simd_avx2;
#endif
    return aprendiz_simd_baseline;
}

static const aprendiz_kernel_table *table_for(aprendiz_simd_level level) {
#if defined(__x86_64__)
    if (level == aprendiz_simd_avx512) return &aprendiz_kernels_avx512;
    if (level == aprendiz_simd_avx2) return &aprendiz_kernels_avx2;
#endif
    (void)level;
    return &aprendiz_kernels_baseline;
}

const aprendiz_kernel_table *aprendiz_kernels_for_level(aprendiz_simd_level level) {
    if ((int)level < 0 || level > aprendiz_simd_supported_level()) return NULL;
    return table_for(level);
}

static const aprendiz_kernel_table *active_table;  // accessed atomically; NULL until first use
static int active_level = -1;

static aprendiz_simd_level requested_level(void) {
    const char *name = getenv("APRENDIZ_SIMD");
    if (name == NULL) return aprendiz_simd_avx512;
    if (strcmp(name, "baseline") == 0) return aprendiz_simd_baseline;
    if (strcmp(name, "avx2") == 0) return aprendiz_simd_avx2;
    return aprendiz_simd_avx512;
}

aprendiz_simd_level aprendiz_simd_set_level(aprendiz_simd_level level) {
    aprendiz_simd_level supported = aprendiz_simd_supported_level();
    if (level > supported) level = supported;
    if ((int)level < 0) level = aprendiz_simd_baseline;
    __atomic_store_n(&active_level, (int)level, __ATOMIC_RELAXED);
    __atomic_store_n(&active_table, table_for(level), __ATOMIC_RELEASE);
    return level;
}

const aprendiz_kernel_table *aprendiz_kernels(void) {
    const aprendiz_kernel_table *table = __atomic_load_n(&active_table, __ATOMIC_ACQUIRE);
    if (__builtin_expect(table != NULL, 1)) return table;
    // Two threads may both get here: both compute the same answer.
    aprendiz_simd_set_level(requested_level());
    return __atomic_load_n(&active_table, __ATOMIC_ACQUIRE);
}

aprendiz_simd_level aprendiz_simd_active_level(void) {
    (void)aprendiz_kernels();
    return (aprendiz_simd_level)__atomic_load_n(&active_level, __ATOMIC_RELAXED);
}
