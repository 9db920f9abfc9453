// Vector kernels compiled for several instruction sets, and the one chosen for this CPU.
//
// Swift has no per-function target attribute, so Swift code runs on whatever the build's target CPU
// is: baseline x86-64 (SSE2, no FMA) unless the build passes `-target-cpu`, an unsafe flag SwiftPM
// refuses in a package used as a dependency. The hot loops therefore live here, in C, compiled per
// function for AVX-512, AVX2 + FMA and the baseline (Variants/), and the best one the CPU and the
// operating system support is picked once, at run time (Dispatch.c). On arm64 there is one
// variant, NEON being part of the baseline there.
//
// `aprendiz_sqrt8` is different: a static inline function inlined into the Swift caller, so it
// compiles for the Swift module's own target. Swift's SIMD8<Float>.squareRoot() is a lane-by-lane
// loop through sqrtf; clang's element-wise builtin lowers to llvm.sqrt.v8f32 (one vsqrtps under
// AVX, two sqrtps under SSE2; IEEE-exact like sqrtf). ext_vector_type(8) float imports into Swift
// as SIMD8<Float>.
#ifndef APRENDIZ_SIMD_H
#define APRENDIZ_SIMD_H

typedef float aprendiz_float8 __attribute__((ext_vector_type(8)));

static inline __attribute__((always_inline)) aprendiz_float8 aprendiz_sqrt8(aprendiz_float8 x) {
    return __builtin_elementwise_sqrt(x);
}

/// Rows and columns of C computed by one GEMM micro-kernel call; `SwiftGEMM` packs its operands
/// in panels of these sizes.
#define APRENDIZ_GEMM_MR 6
#define APRENDIZ_GEMM_NR 16
/// The most steps of k in one packed block (`SwiftGEMM.kc`).
#define APRENDIZ_GEMM_KC 256

/// The instruction sets kernels are compiled for, in increasing order.
typedef enum {
    aprendiz_simd_baseline = 0,  ///< SSE2 on x86-64; NEON on arm64
    aprendiz_simd_avx2 = 1,      ///< AVX2 + FMA3 (Intel Haswell, AMD Zen and later)
    aprendiz_simd_avx512 = 2,    ///< AVX-512 F (Intel Skylake-SP, AMD Zen 4 and later)
} aprendiz_simd_level;

/// The coefficients of one Adam step (see `aprendiz_adam_update`).
typedef struct {
    float beta1, beta2, epsilon, lambda, eta, c1, c2, shrink;
} aprendiz_adam_step;

/// The element-wise arithmetic of `aprendiz_binary`.
typedef enum {
    aprendiz_binary_add = 0,       ///< a + b
    aprendiz_binary_subtract = 1,  ///< a − b
    aprendiz_binary_multiply = 2,  ///< a · b
    aprendiz_binary_divide = 3,    ///< a / b (IEEE: x/0 = ±∞, 0/0 = NaN)
} aprendiz_binary_op;

/// The recurrent cells of `aprendiz_recurrent_forward` and `aprendiz_recurrent_backward`.
typedef enum {
    aprendiz_cell_elman = 0,  ///< h = tanh(a + r), 1 gate block
    aprendiz_cell_lstm = 1,   ///< gate blocks i, f, g, o (PyTorch's order), optional peepholes
    aprendiz_cell_gru = 2,    ///< gate blocks r, z, n (PyTorch's convention)
} aprendiz_recurrent_cell;

/// One step of one sequence of a recurrent cell (`aprendiz_recurrent_forward`): rows of G·H (the
/// gate blocks) or H floats. Unused pointers (the cell state but for LSTM, …) may be NULL.
typedef struct {
    long hidden;                 ///< H
    const float *projected;      ///< a_t = x_t·W_ih + b_ih, G·H
    const float *recurrent;      ///< r_t = h_{t−1}·W_hh + b_hh, G·H
    const float *peepholes;      ///< LSTM: pᵢ, p_f, p_o (3·H), or NULL for none
    const float *state_previous; ///< h_{t−1} (GRU)
    const float *cell_previous;  ///< c_{t−1} (LSTM)
    float *gates;                ///< out: the gate activations, G·H (Elman: h)
    float *state;                ///< out: h_t
    float *cell;                 ///< out: c_t (LSTM)
    float *reset_input;          ///< out: r_n, the n block of r_t (GRU)
} aprendiz_recurrent_forward_step;

/// The derivative of one step of one sequence (`aprendiz_recurrent_backward`); what the forward step
/// saved, the incoming δ, and where the outgoing ones go.
typedef struct {
    long hidden;                 ///< H
    const float *gates;          ///< the step's gate activations, G·H
    const float *state_previous; ///< h_{t−1} (GRU)
    const float *cell_previous;  ///< c_{t−1} (LSTM)
    const float *cell;           ///< c_t (LSTM)
    const float *reset_input;    ///< r_n (GRU)
    const float *peepholes;      ///< LSTM: 3·H, or NULL
    const float *dh;             ///< δh_t carried from step t + 1
    const float *upstream;       ///< ∂L/∂h_t from the output
    const float *dc;             ///< δc_t carried from step t + 1 (LSTM)
    float *d_recurrent;          ///< out: ∂L/∂r_t, G·H
    float *d_projected;          ///< out: ∂L/∂a_t, G·H (differs from ∂L/∂r_t in GRU's n block)
    float *d_bias;               ///< in-out: ∂L/∂b_hh += ∂L/∂r_t
    float *dh_previous;          ///< out: the pointwise part of δh_{t−1} (GRU: δh⊙z; else 0)
    float *dc_previous;          ///< out: δc_{t−1} (LSTM)
    float *d_peepholes;          ///< in-out: ∂L/∂p += … (LSTM with peepholes), or NULL
} aprendiz_recurrent_backward_step;

/// One variant's kernels (see the functions below for what each computes).
typedef struct {
    void (*gemm_macro_kernel)(long mcb, long ncb, long kcb, long first_panel, long end_panel,
                              const float *packed_a, const float *packed_b, float alpha, float beta, float *c,
                              long ldc);
    void (*gemm_macro_kernel_strided)(long mcb, long ncb, long kcb, long first_panel, long end_panel, const float *a,
                                      long rs, long cs, const float *packed_b, float alpha, float beta, float *c,
                                      long ldc);
    void (*gemv_rows)(const float *x, const float *b, long ldb, long k, long j0, long j1, float *y);
    void (*gemv_columns)(const float *x, const float *b, long ldb, long k, long j0, long j1, float *y);
    void (*exp)(const float *x, float *y, long count);
    void (*log)(const float *x, float *y, long count);
    void (*adam_update)(long count, float *theta, const float *gradient, float *m, float *v,
                        const aprendiz_adam_step *step);
    void (*binary)(aprendiz_binary_op op, const float *a, long sa, const float *b, long sb, float *out, long count);
    void (*affine)(const float *x, float *y, long count, float scale, float shift);
    void (*recurrent_forward)(aprendiz_recurrent_cell cell, const aprendiz_recurrent_forward_step *step);
    void (*recurrent_backward)(aprendiz_recurrent_cell cell, const aprendiz_recurrent_backward_step *step);
} aprendiz_kernel_table;

/// The best level this CPU and operating system support.
aprendiz_simd_level aprendiz_simd_supported_level(void);

/// The level kernels run at: the supported level, or a lower one set by `APRENDIZ_SIMD`
/// (`baseline`, `avx2`, `avx512`) when the process starts, or by `aprendiz_simd_set_level`.
aprendiz_simd_level aprendiz_simd_active_level(void);

/// Runs the kernels at `level` (limited to the supported level); returns the level now active.
/// For tests and benchmarks comparing variants; not meant to be changed while kernels run.
aprendiz_simd_level aprendiz_simd_set_level(aprendiz_simd_level level);

/// The kernels of the active level.
const aprendiz_kernel_table *aprendiz_kernels(void);

/// The kernels compiled for `level`, or NULL when this CPU does not support it (for tests that run
/// every variant without changing the active one).
const aprendiz_kernel_table *aprendiz_kernels_for_level(aprendiz_simd_level level);

/// GEMM macro-kernel: for each B̃ column panel jr in first_panel..<end_panel and each MR-row panel
/// of Ã, C[ir.., jr·NR..] ← α·Ã_ir·B̃_jr + β·C, where Ã is an mcb×kcb block packed as MR-row panels
/// and B̃ a kcb×ncb block packed as NR-column panels (zero-padded). With β = 0, C is not read.
static inline void aprendiz_gemm_macro_kernel(long mcb, long ncb, long kcb, long first_panel, long end_panel,
                                              const float *packed_a, const float *packed_b, float alpha, float beta,
                                              float *c, long ldc) {
    aprendiz_kernels()->gemm_macro_kernel(mcb, ncb, kcb, first_panel, end_panel, packed_a, packed_b, alpha, beta, c,
                                          ldc);
}

/// `aprendiz_gemm_macro_kernel` with A read where it is stored: element (i, p) of the mcb×kcb block at
/// a[i·rs + p·cs] (rs = lda, cs = 1 for a row-major A; rs = 1, cs = lda for its transpose), kcb ≤
/// APRENDIZ_GEMM_KC.
static inline void aprendiz_gemm_macro_kernel_strided(long mcb, long ncb, long kcb, long first_panel, long end_panel,
                                                      const float *a, long rs, long cs, const float *packed_b,
                                                      float alpha, float beta, float *c, long ldc) {
    aprendiz_kernels()->gemm_macro_kernel_strided(mcb, ncb, kcb, first_panel, end_panel, a, rs, cs, packed_b, alpha,
                                                  beta, c, ldc);
}

/// y[j] = Σₚ x[p]·B[p, j] for j in j0..<j1 (B row-major with row stride ldb, k rows).
static inline void aprendiz_gemv_rows(const float *x, const float *b, long ldb, long k, long j0, long j1, float *y) {
    aprendiz_kernels()->gemv_rows(x, b, ldb, k, j0, j1, y);
}

/// y[j] = Σₚ x[p]·B[j, p] for j in j0..<j1 (rows of B, stride ldb, k columns used).
static inline void aprendiz_gemv_columns(const float *x, const float *b, long ldb, long k, long j0, long j1,
                                         float *y) {
    aprendiz_kernels()->gemv_columns(x, b, ldb, k, j0, j1, y);
}

/// y[i] = eˣ⁽ⁱ⁾ for i in 0..<count (a few ulps; +∞ above 88.72, 0 below −103.97, NaN stays NaN).
static inline void aprendiz_exp(const float *x, float *y, long count) { aprendiz_kernels()->exp(x, y, count); }

/// y[i] = log x[i] for i in 0..<count (a few ulps; the C library's logf for non-normal inputs).
static inline void aprendiz_log(const float *x, float *y, long count) { aprendiz_kernels()->log(x, y, count); }

/// One Adam step over `count` elements, in place: g ← g + λθ; m ← β₁m + (1 − β₁)g;
/// v ← β₂v + (1 − β₂)g² (m and v flushed to zero when subnormal); θ ← shrink·θ − η·(c₁m)/(√(c₂v) + ε)
/// (c₁, c₂ the bias corrections 1/(1 − βᵗ); shrink = 1 − ηλ_decoupled for AdamW, else 1).
static inline void aprendiz_adam_update(long count, float *theta, const float *gradient, float *m, float *v,
                                        const aprendiz_adam_step *step) {
    aprendiz_kernels()->adam_update(count, theta, gradient, m, v, step);
}

// The double-precision kernels of the linear-algebra fallback, dispatched at the same level.
#include "AprendizDoubleKernels.h"

/// out[i] = a[i·sa] op b[i·sb] for i in 0..<count, with sa, sb ∈ {0, 1} (1: contiguous, 0: one
/// value repeated, the broadcasting fast paths). IEEE single precision, no fused operations: the
/// same bits as the scalar expression. `out` may be `a` or `b` (in place).
static inline void aprendiz_binary(aprendiz_binary_op op, const float *a, long sa, const float *b, long sb,
                                   float *out, long count) {
    aprendiz_kernels()->binary(op, a, sa, b, sb, out, count);
}

/// y[i] = x[i]·scale + shift for i in 0..<count, rounded after the product and after the sum (no
/// fused multiply-add, so the same bits on every variant). `y` may be `x`.
static inline void aprendiz_affine(const float *x, float *y, long count, float scale, float shift) {
    aprendiz_kernels()->affine(x, y, count, scale, shift);
}

/// One recurrent cell step of one sequence (§23.2–§23.5), with σ(x) = 1/(1 + e⁻ˣ), tanh(x) = 2σ(2x) − 1:
/// ```
/// z = a + r (block by block)
/// elman: h = tanh(z)
/// lstm:  i = σ(zᵢ + pᵢ⊙c₋₁)  f = σ(z_f + p_f⊙c₋₁)  g = tanh(z_g)  c = f⊙c₋₁ + i⊙g
///        o = σ(z_o + p_o⊙c)  h = o⊙tanh(c)
/// gru:   r = σ(z_r)  u = σ(z_z)  n = tanh(a_n + r⊙r_n)  h = (1 − u)⊙n + u⊙h₋₁
/// ```
static inline void aprendiz_recurrent_forward(aprendiz_recurrent_cell cell, const aprendiz_recurrent_forward_step *step) {
    aprendiz_kernels()->recurrent_forward(cell, step);
}

/// The pointwise backward pass of one step of one sequence, with δh = dh + upstream:
/// ```
/// elman: ∂z = δh⊙(1 − h²)
/// lstm:  ∂z_o = δh⊙tanh(c)⊙o(1 − o);  δc = dc + δh⊙o⊙(1 − tanh²c) + ∂z_o⊙p_o
///        ∂zᵢ = δc⊙g⊙i(1 − i)  ∂z_f = δc⊙c₋₁⊙f(1 − f)  ∂z_g = δc⊙i⊙(1 − g²)
///        δc₋₁ = δc⊙f + ∂zᵢ⊙pᵢ + ∂z_f⊙p_f;  ∂pᵢ += ∂zᵢ⊙c₋₁  ∂p_f += ∂z_f⊙c₋₁  ∂p_o += ∂z_o⊙c
/// gru:   ∂a_n = δh⊙(1 − u)⊙(1 − n²)  ∂r_n = ∂a_n⊙r  ∂z_r = ∂a_n⊙r_n⊙r(1 − r)
///        ∂z_z = δh⊙(h₋₁ − n)⊙u(1 − u)  δh₋₁ (pointwise part) = δh⊙u
/// ```
/// ∂L/∂b_hh accumulates ∂L/∂r in `d_bias`; the products with W_hh are the caller's.
static inline void aprendiz_recurrent_backward(aprendiz_recurrent_cell cell, const aprendiz_recurrent_backward_step *step) {
    aprendiz_kernels()->recurrent_backward(cell, step);
}

#endif
