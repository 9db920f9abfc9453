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

// Four rows at a time: each 16-lane step loads v's two 8-lane halves once for the four rows (the loads
// and the conversions, not the memory traffic, bound the one-row loop) and keeps eight independent
// accumulators in flight; each row's lanes sum in the same order as `dot_avx512`, so the results are the same.
__attribute__((target("avx512f")))
static void dots4_avx512(const float *x0, const float *x1, const float *x2, const float *x3, const float *const *next,
                         const double *y, long n, double *out) {
    __m512d a0 = _mm512_setzero_pd(), b0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd(), b1 = _mm512_setzero_pd();
    __m512d a2 = _mm512_setzero_pd(), b2 = _mm512_setzero_pd(), a3 = _mm512_setzero_pd(), b3 = _mm512_setzero_pd();
    long k = 0;
    for (; k + 16 <= n; k += 16) {
        __m512d ylow = _mm512_loadu_pd(y + k), yhigh = _mm512_loadu_pd(y + k + 8);
        // The next four rows' line at k (a row's first lines come before the hardware prefetcher catches on).
        _mm_prefetch((const char *)(next[0] + k), _MM_HINT_T0);
        _mm_prefetch((const char *)(next[1] + k), _MM_HINT_T0);
        _mm_prefetch((const char *)(next[2] + k), _MM_HINT_T0);
        _mm_prefetch((const char *)(next[3] + k), _MM_HINT_T0);
        a0 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x0 + k)), ylow, a0);
        b0 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x0 + k + 8)), yhigh, b0);
        a1 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x1 + k)), ylow, a1);
        b1 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x1 + k + 8)), yhigh, b1);
        a2 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x2 + k)), ylow, a2);
        b2 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x2 + k + 8)), yhigh, b2);
        a3 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x3 + k)), ylow, a3);
        b3 = _mm512_fmadd_pd(_mm512_cvtps_pd(_mm256_loadu_ps(x3 + k + 8)), yhigh, b3);
    }
    double s0 = _mm512_reduce_add_pd(_mm512_add_pd(a0, b0)), s1 = _mm512_reduce_add_pd(_mm512_add_pd(a1, b1));
    double s2 = _mm512_reduce_add_pd(_mm512_add_pd(a2, b2)), s3 = _mm512_reduce_add_pd(_mm512_add_pd(a3, b3));
    for (; k < n; k++) {
        s0 += (double)x0[k] * y[k];
        s1 += (double)x1[k] * y[k];
        s2 += (double)x2[k] * y[k];
        s3 += (double)x3[k] * y[k];
    }
    out[0] = s0, out[1] = s1, out[2] = s2, out[3] = s3;
}

__attribute__((target("avx512f")))
static void dots_avx512(const float *a, long columns, const long *rows, long count, const double *v, double *out) {
    long r = 0;
    for (; r + 4 <= count; r += 4) {
        const float *next[4];
        for (int q = 0; q < 4; q++) next[q] = a + rows[r + 4 + q < count ? r + 4 + q : r + q] * columns;
        dots4_avx512(a + rows[r] * columns, a + rows[r + 1] * columns, a + rows[r + 2] * columns, a + rows[r + 3] * columns,
                     next, v, columns, out + r);
    }
    for (; r < count; r++) out[r] = dot_avx512(a + rows[r] * columns, v, columns);
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
