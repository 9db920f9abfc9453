// The double-precision kernels of the linear-algebra fallback, written once and compiled once per
// instruction set, like KernelBodies.h: each Variants/Double*.c file defines APRENDIZ_VARIANT and
// APRENDIZ_DOUBLE_WIDTH (doubles per vector: 2 for the baseline, 4 for AVX2, 8 for AVX-512), opens a
// `#pragma clang attribute` for its target and includes this file.
//
// Not a public header: it is included only by the files in Variants/.

#include <stdlib.h>
#include <string.h>
#include "../include/AprendizDoubleKernels.h"

#pragma STDC FP_CONTRACT ON

#define APRENDIZ_DCONCAT_(a, b) a##_##b
#define APRENDIZ_DCONCAT(a, b) APRENDIZ_DCONCAT_(a, b)
#define APRENDIZ_DOUBLE_TABLE APRENDIZ_DCONCAT(aprendiz_double_kernels, APRENDIZ_VARIANT)

enum { DW = APRENDIZ_DOUBLE_WIDTH, DMR = 4, DNR = 2 * APRENDIZ_DOUBLE_WIDTH, DKC = 256, DMC = 96, DNC = 512 };

typedef double vd __attribute__((ext_vector_type(APRENDIZ_DOUBLE_WIDTH)));

static inline __attribute__((always_inline)) vd dload(const double *p) {
    vd v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void dstore(double *p, vd v) { __builtin_memcpy(p, &v, sizeof v); }

// MARK: - GEMM C += α·A·Bᵀ

/// Rows i0..<i0+height of A, columns p0..<p0+kc, as DMR-row panels, k-major, zero-padded.
static void dpack_rows(const double *a, long lda, long height, long kc, double *packed) {
    for (long ir = 0; ir < height; ir += DMR) {
        long rows = height - ir < DMR ? height - ir : DMR;
        for (long p = 0; p < kc; p++) {
            for (long r = 0; r < rows; r++) packed[p * DMR + r] = a[(ir + r) * lda + p];
            for (long r = rows; r < DMR; r++) packed[p * DMR + r] = 0;
        }
        packed += DMR * kc;
    }
}

/// Rows j0..<j0+width of B (the columns of Bᵀ) as DNR-column panels, k-major, zero-padded.
static void dpack_columns(const double *b, long ldb, long width, long kc, double *packed) {
    for (long jr = 0; jr < width; jr += DNR) {
        long cols = width - jr < DNR ? width - jr : DNR;
        for (long p = 0; p < kc; p++) {
            for (long c = 0; c < cols; c++) packed[p * DNR + c] = b[(jr + c) * ldb + p];
            for (long c = cols; c < DNR; c++) packed[p * DNR + c] = 0;
        }
        packed += DNR * kc;
    }
}

/// tile[DMR][DNR] ← Ã·B̃ for one packed DMR×kc panel and one kc×DNR panel, in 2·DMR accumulators.
static inline __attribute__((always_inline)) void dmicro_kernel(long kc, const double *a, const double *b,
                                                                double *tile) {
    vd acc[DMR][2];
    for (int i = 0; i < DMR; i++) acc[i][0] = acc[i][1] = (vd)(0);
    for (long p = 0; p < kc; p++) {
        vd b0 = dload(b), b1 = dload(b + DW);
        for (int i = 0; i < DMR; i++) {
            vd x = (vd)(a[i]);
            acc[i][0] = x * b0 + acc[i][0];
            acc[i][1] = x * b1 + acc[i][1];
        }
        a += DMR;
        b += DNR;
    }
    for (int i = 0; i < DMR; i++) {
        dstore(tile + i * DNR, acc[i][0]);
        dstore(tile + i * DNR + DW, acc[i][1]);
    }
}

static void dgemm_nt(long m, long n, long k, double alpha, const double *a, long lda, const double *b, long ldb,
                     double *c, long ldc) {
    if (m <= 0 || n <= 0 || k <= 0) return;
    double *packed_a = malloc(sizeof(double) * DMC * DKC);
    double *packed_b = malloc(sizeof(double) * (DNC + DNR) * DKC);
    double tile[DMR * DNR] __attribute__((aligned(64)));
    for (long j0 = 0; j0 < n; j0 += DNC) {
        long nc = n - j0 < DNC ? n - j0 : DNC;
        for (long p0 = 0; p0 < k; p0 += DKC) {
            long kc = k - p0 < DKC ? k - p0 : DKC;
            dpack_columns(b + j0 * ldb + p0, ldb, nc, kc, packed_b);
            for (long i0 = 0; i0 < m; i0 += DMC) {
                long mc = m - i0 < DMC ? m - i0 : DMC;
                dpack_rows(a + i0 * lda + p0, lda, mc, kc, packed_a);
                for (long jr = 0; jr < nc; jr += DNR) {
                    long width = nc - jr < DNR ? nc - jr : DNR;
                    for (long ir = 0; ir < mc; ir += DMR) {
                        long height = mc - ir < DMR ? mc - ir : DMR;
                        dmicro_kernel(kc, packed_a + ir * kc, packed_b + jr * kc, tile);
                        double *out = c + (i0 + ir) * ldc + j0 + jr;
                        if (width == DNR) {
                            vd va = (vd)(alpha);
                            for (long i = 0; i < height; i++) {
                                dstore(out + i * ldc, va * dload(tile + i * DNR) + dload(out + i * ldc));
                                dstore(out + i * ldc + DW, va * dload(tile + i * DNR + DW) + dload(out + i * ldc + DW));
                            }
                        } else {
                            for (long i = 0; i < height; i++)
                                for (long j = 0; j < width; j++) out[i * ldc + j] += alpha * tile[i * DNR + j];
                        }
                    }
                }
            }
        }
    }
    free(packed_a);
    free(packed_b);
}

// MARK: - Sequences of plane rotations

static void rotate_rows(long first, long last, const double *c, const double *s, double *w, long ldw, long columns) {
    if (last <= first) return;
    long j = 0;
    // Four column chunks at once: each chunk's carried row is a chain of dependent multiply-adds
    // (one per rotation), so four independent chains keep the FMA units busy.
    for (; j + 4 * DW <= columns; j += 4 * DW) {
        vd carried[4];
        for (int u = 0; u < 4; u++) carried[u] = dload(w + last * ldw + j + u * DW);
        for (long i = last - 1; i >= first; i--) {
            vd ci = (vd)(c[i]), si = (vd)(s[i]);
            double *lower_row = w + i * ldw + j, *upper_row = w + (i + 1) * ldw + j;
            for (int u = 0; u < 4; u++) {
                vd lower = dload(lower_row + u * DW);
                dstore(upper_row + u * DW, si * lower + ci * carried[u]);
                carried[u] = ci * lower - si * carried[u];
            }
        }
        for (int u = 0; u < 4; u++) dstore(w + first * ldw + j + u * DW, carried[u]);
    }
    for (; j + DW <= columns; j += DW) {
        vd carried = dload(w + last * ldw + j);
        for (long i = last - 1; i >= first; i--) {
            vd lower = dload(w + i * ldw + j);
            vd ci = (vd)(c[i]), si = (vd)(s[i]);
            dstore(w + (i + 1) * ldw + j, si * lower + ci * carried);
            carried = ci * lower - si * carried;
        }
        dstore(w + first * ldw + j, carried);
    }
    for (; j < columns; j++) {
        double carried = w[last * ldw + j];
        for (long i = last - 1; i >= first; i--) {
            double lower = w[i * ldw + j];
            w[(i + 1) * ldw + j] = s[i] * lower + c[i] * carried;
            carried = c[i] * lower - s[i] * carried;
        }
        w[first * ldw + j] = carried;
    }
}

const aprendiz_double_kernel_table APRENDIZ_DOUBLE_TABLE = {
    .gemm_nt = dgemm_nt,
    .rotate_rows = rotate_rows,
};
