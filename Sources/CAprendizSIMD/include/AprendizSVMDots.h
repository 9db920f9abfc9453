// The products behind SVM training's kernel rows (AprendizClassic's MixedPrecisionProducts), AVX-512
// where the CPU has it: twice the lanes of the Swift loop's AVX2, the same Double sums.
#ifndef APRENDIZ_SVM_DOTS_H
#define APRENDIZ_SVM_DOTS_H

#include "AprendizSIMD.h"

/// out[r] = Σₖ (double)a[rows[r]·columns + k] · v[k] for r < count: rows of a row-major `float`
/// matrix times a `double` vector, each product exact (a `float` times a widened `float`) and the
/// sums in `double`, 16 lanes. Runs only when `level` is `aprendiz_simd_avx512` and the CPU supports
/// it (callers pass `aprendiz_simd_active_level()`, tests a lower level for the Swift loop); returns
/// 1 when it wrote `out`, 0 otherwise (the caller then uses its own loop).
int aprendiz_svm_dots(aprendiz_simd_level level, const float *a, long columns, const long *rows, long count,
                      const double *v, double *out);

#endif
