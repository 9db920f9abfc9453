// SVM kernel-row products (see include/AprendizSVMDots.h), AVX-512 only: below it the Swift loop in
// AprendizClassic's MixedPrecisionProducts (AVX2 on x86-64) is as fast.
#include "include/AprendizSIMD.h"
#include "include/AprendizSVMDots.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f")))
static double dot_avx512(const float *x, const double *y, long n) {
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd();
    long k = 0;
    for (; k + 16 <= n; k += 16) {
        __m512d x0 = _mm512_cvtps_pd(_mm256_loadu_ps(x + k)), x1 = _mm512_cvtps_pd(_mm256_loadu_ps(x + k + 8));
        s0 = _mm512_fmadd_pd(x0, _mm512_loadu_pd(y + k), s0);
        s1 = _mm512_fmadd_pd(x1, _mm512_loadu_pd(y + k + 8), s1);
    }
    double sum = _mm512_reduce_add_pd(_mm512_add_pd(s0, s1));
    for (; k < n; k++) sum += (double)x[k] * y[k];
    return sum;
}

__attribute__((target("avx512f")))
static void dots_avx512(const float *a, long columns, const long *rows, long count, const double *v, double *out) {
    for (long r = 0; r < count; r++) out[r] = dot_avx512(a + rows[r] * columns, v, columns);
}
#endif

int aprendiz_svm_dots(aprendiz_simd_level level, const float *a, long columns, const long *rows, long count,
                      const double *v, double *out) {
#if defined(__x86_64__)
    if (level == aprendiz_simd_avx512 && aprendiz_simd_supported_level() == aprendiz_simd_avx512) {
        dots_avx512(a, columns, rows, count, v, out);
        return 1;
    }
#endif
    (void)level; (void)a; (void)columns; (void)rows; (void)count; (void)v; (void)out;
    return 0;
}
