// Vector square root for the Swift kernels.
//
// Swift's SIMD8<Float>.squareRoot() is a lane-by-lane loop through the C library's sqrtf (whose
// errno path keeps LLVM from vectorising it): eight calls instead of one instruction. Clang's
// element-wise builtin lowers to llvm.sqrt.v8f32, which the Swift module compiles to a single
// vsqrtps (IEEE-exact, like sqrtf). ext_vector_type(8) float imports into Swift as SIMD8<Float>,
// and a static inline function is inlined into the Swift caller.
#ifndef APRENDIZ_SIMD_H
#define APRENDIZ_SIMD_H

typedef float aprendiz_float8 __attribute__((ext_vector_type(8)));

static inline __attribute__((always_inline)) aprendiz_float8 aprendiz_sqrt8(aprendiz_float8 x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
