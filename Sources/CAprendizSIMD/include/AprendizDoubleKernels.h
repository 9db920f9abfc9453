// Double-precision kernels of the linear-algebra fallback (AprendizLinearAlgebra's Swift
// factorisations when no LAPACK is loaded), compiled per instruction set like the float kernels
// (see AprendizSIMD.h and Variants/DoubleKernelBodies.h) and picked at run time at the same level.
#ifndef APRENDIZ_DOUBLE_KERNELS_H
#define APRENDIZ_DOUBLE_KERNELS_H

/// One variant's double kernels (see the functions below).
typedef struct {
    void (*gemm_nt)(long m, long n, long k, double alpha, const double *a, long lda, const double *b, long ldb,
                    double *c, long ldc);
    void (*rotate_rows)(long first, long last, const double *c, const double *s, double *w, long ldw, long columns);
} aprendiz_double_kernel_table;

/// The double kernels at the active level of `aprendiz_kernels()` (`APRENDIZ_SIMD` lowers it).
const aprendiz_double_kernel_table *aprendiz_double_kernels(void);

/// C ← C + α·A·Bᵀ for row-major A (m×k, row stride lda), B (n×k, row stride ldb), C (m×n, row
/// stride ldc): packed panels and a register-blocked micro-kernel (the GEMM of Goto & van de Geijn
/// 2008), one thread.
static inline void aprendiz_dgemm_nt(long m, long n, long k, double alpha, const double *a, long lda, const double *b,
                                     long ldb, double *c, long ldc) {
    aprendiz_double_kernels()->gemm_nt(m, n, k, alpha, a, lda, b, ldb, c, ldc);
}

/// Applies a descending sequence of plane rotations to rows of W (row stride ldw, `columns` used):
/// for i = last−1 down to first, (wᵢ, wᵢ₊₁) ← (cᵢ·wᵢ − sᵢ·wᵢ₊₁, sᵢ·wᵢ + cᵢ·wᵢ₊₁) — the rotations
/// of one implicit QL sweep on the transposed eigenvector matrix (LAPACK's dlasr, side 'L', pivot
/// 'V', direction 'B'). Each element is loaded and stored once per sequence: the row being carried
/// stays in registers from one rotation to the next.
static inline void aprendiz_rotate_rows(long first, long last, const double *c, const double *s, double *w, long ldw,
                                        long columns) {
    aprendiz_double_kernels()->rotate_rows(first, last, c, s, w, ldw, columns);
}

#endif
