// The hot kernels, written once and compiled once per instruction set (see ../Dispatch.c).
//
// Each file in Variants/ defines APRENDIZ_VARIANT (the suffix of its table's name) and
// APRENDIZ_WIDTH (floats per vector: 8 for AVX2 and the baseline, 16 for AVX-512), opens a
// `#pragma clang attribute` that compiles every function below for its target, then includes this
// file. The vectors are clang's ext_vector_type: an 8-float vector is one ymm register under AVX2,
// two xmm registers under SSE2, two q registers under NEON. `#pragma STDC FP_CONTRACT ON` lets a
// multiply-add written `a * b + c` become one fused instruction where the target has one (FMA3,
// NEON) and stay a multiply then an add elsewhere, instead of a library call per lane.
//
// Not a public header: it is included only by the files in Variants/.

#include <stddef.h>
#include <stdint.h>
#include "../include/AprendizSIMD.h"

#pragma STDC FP_CONTRACT ON

#define APRENDIZ_CONCAT_(a, b) a##_##b
#define APRENDIZ_CONCAT(a, b) APRENDIZ_CONCAT_(a, b)
#define APRENDIZ_TABLE APRENDIZ_CONCAT(aprendiz_kernels, APRENDIZ_VARIANT)

enum { W = APRENDIZ_WIDTH, MR = APRENDIZ_GEMM_MR, NR = APRENDIZ_GEMM_NR, VR = NR / W };

typedef float vf __attribute__((ext_vector_type(APRENDIZ_WIDTH)));
typedef int32_t vi __attribute__((ext_vector_type(APRENDIZ_WIDTH)));

static inline __attribute__((always_inline)) vf load(const float *p) {
    vf v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store(float *p, vf v) { __builtin_memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) vf splat(float x) { return (vf)(x); }

static inline __attribute__((always_inline)) float hsum(vf v) {
    float s = 0;
    for (int i = 0; i < W; i++) s += v[i];
    return s;
}

/// mask ? a : b lane by lane (mask lanes are 0 or −1, as comparisons give them).
static inline __attribute__((always_inline)) vf select(vi mask, vf a, vf b) {
    return (vf)(((vi)a & mask) | ((vi)b & ~mask));
}

// MARK: - GEMM micro- and macro-kernel

/// C[0..<MR, 0..<NR] ← α·A·B̃ + β·C for one MR×kc block of A, element (i, p) at a[i·rs + p·cs], and one
/// kc×NR panel of B (layout of `SwiftGEMM.packB`). A packed Ã panel (`SwiftGEMM.packA`) is rs = 1,
/// cs = MR; an unpacked row-major A is rs = lda, cs = 1, and its transpose rs = 1, cs = lda. MR·NR/W
/// accumulators stay in registers over the k loop: 12 ymm for AVX2, 2 × 6 zmm for AVX-512. With β = 0,
/// C is not read.
static inline __attribute__((always_inline)) void micro_kernel(long kc, const float *a, long rs, long cs, const float *b,
                                                               float *c, long ldc, float alpha, float beta) {
    vf acc[MR][VR], odd[MR][VR];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < VR; v++) acc[i][v] = odd[i][v] = splat(0);
    long p = 0;
    if (VR == 1) {
        // One vector per row (AVX-512) gives only MR chains of dependent multiply-adds, too few to
        // hide their latency: even and odd steps of k go to two sets of accumulators, added at the end.
        for (; p + 2 <= kc; p += 2) {
            vf b0 = load(b), b1 = load(b + NR);
            for (int i = 0; i < MR; i++) {
                acc[i][0] = splat(a[i * rs]) * b0 + acc[i][0];
                odd[i][0] = splat(a[cs + i * rs]) * b1 + odd[i][0];
            }
            a += 2 * cs;
            b += 2 * NR;
        }
    }
    for (; p < kc; p++) {
        vf bv[VR];
        for (int v = 0; v < VR; v++) bv[v] = load(b + v * W);
        for (int i = 0; i < MR; i++) {
            vf x = splat(a[i * rs]);
            for (int v = 0; v < VR; v++) acc[i][v] = x * bv[v] + acc[i][v];
        }
        a += cs;
        b += NR;
    }
    if (VR == 1)
        for (int i = 0; i < MR; i++) acc[i][0] += odd[i][0];
    vf va = splat(alpha);
    if (beta == 0) {
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < VR; v++) store(c + i * ldc + v * W, va * acc[i][v]);
    } else {
        vf vb = splat(beta);
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < VR; v++) {
                float *row = c + i * ldc + v * W;
                store(row, va * acc[i][v] + vb * load(row));
            }
    }
}

/// A partial tile (height < MR or width < NR): the full micro-kernel into a scratch tile, then only the
/// valid part is merged into C (A must have MR readable rows).
static void edge_kernel(long kc, const float *a, long rs, long cs, const float *b, float *c, long ldc, float alpha,
                        float beta, long height, long width) {
    float tile[MR * NR] __attribute__((aligned(64)));
    micro_kernel(kc, a, rs, cs, b, tile, NR, alpha, 0);
    for (long i = 0; i < height; i++) {
        float *row = c + i * ldc;
        const float *t = tile + i * NR;
        if (beta == 0) {
            for (long j = 0; j < width; j++) row[j] = t[j];
        } else {
            for (long j = 0; j < width; j++) row[j] = t[j] + beta * row[j];
        }
    }
}

/// The micro-kernel over the MR-row panels of an mcb×kcb block of A and the B̃ column panels
/// first_panel..<end_panel: row panel ir of A starts at a + ir·panel_step, element (i, p) of a panel at
/// [i·rs + p·cs]. A packed Ã (`padded`: zero rows past the block) serves a partial last panel as it is;
/// an unpacked A has no rows there, so that panel is copied into a zero-padded scratch panel first.
static inline __attribute__((always_inline)) void macro_kernel(long mcb, long ncb, long kcb, long first_panel,
                                                               long end_panel, const float *a, long panel_step,
                                                               long rs, long cs, int padded, const float *packed_b,
                                                               float alpha, float beta, float *c, long ldc) {
    for (long jr = first_panel; jr < end_panel; jr++) {
        long width = ncb - jr * NR < NR ? ncb - jr * NR : NR;
        const float *b_panel = packed_b + jr * NR * kcb;
        for (long ir = 0; ir < mcb; ir += MR) {
            long height = mcb - ir < MR ? mcb - ir : MR;
            const float *a_panel = a + ir * panel_step;
            float *tile = c + ir * ldc + jr * NR;
            if (height == MR && width == NR) {
                micro_kernel(kcb, a_panel, rs, cs, b_panel, tile, ldc, alpha, beta);
            } else if (height == MR || padded) {
                edge_kernel(kcb, a_panel, rs, cs, b_panel, tile, ldc, alpha, beta, height, width);
            } else {
                float panel[MR * APRENDIZ_GEMM_KC] __attribute__((aligned(64)));
                for (long p = 0; p < kcb; p++)
                    for (long i = 0; i < MR; i++) panel[p * MR + i] = i < height ? a_panel[i * rs + p * cs] : 0;
                edge_kernel(kcb, panel, 1, MR, b_panel, tile, ldc, alpha, beta, height, width);
            }
        }
    }
}

/// A packed Ã block (`SwiftGEMM.packA`: panel r at packed_a + r·MR·kcb, element (i, p) at [p·MR + i]).
static void gemm_macro_kernel(long mcb, long ncb, long kcb, long first_panel, long end_panel, const float *packed_a,
                              const float *packed_b, float alpha, float beta, float *c, long ldc) {
    macro_kernel(mcb, ncb, kcb, first_panel, end_panel, packed_a, kcb, 1, MR, 1, packed_b, alpha, beta, c, ldc);
}

/// A read where it is stored: element (i, p) of the block at a[i·rs + p·cs].
static void gemm_macro_kernel_strided(long mcb, long ncb, long kcb, long first_panel, long end_panel, const float *a,
                                      long rs, long cs, const float *packed_b, float alpha, float beta, float *c,
                                      long ldc) {
    macro_kernel(mcb, ncb, kcb, first_panel, end_panel, a, rs, rs, cs, 0, packed_b, alpha, beta, c, ldc);
}

// MARK: - Vector–matrix products (the unpacked path for m ≤ 4)

/// y[j] = Σₚ x[p]·B[p, j] for j in j0..<j1 (B row-major, row stride ldb): 64, then 8 columns at a
/// time in registers, so eight independent accumulators (AVX2) hide the latency of the multiply-add.
static void gemv_rows(const float *x, const float *b, long ldb, long k, long j0, long j1, float *y) {
    enum { BLOCK = 64 / W };
    long j = j0;
    for (; j + 64 <= j1; j += 64) {
        vf s[BLOCK];
        for (int v = 0; v < BLOCK; v++) s[v] = splat(0);
        const float *pb = b + j;
        for (long p = 0; p < k; p++, pb += ldb) {
            vf xv = splat(x[p]);
            for (int v = 0; v < BLOCK; v++) s[v] = xv * load(pb + v * W) + s[v];
        }
        for (int v = 0; v < BLOCK; v++) store(y + j + v * W, s[v]);
    }
    for (; j + W <= j1; j += W) {
        vf s = splat(0);
        for (long p = 0; p < k; p++) s = splat(x[p]) * load(b + p * ldb + j) + s;
        store(y + j, s);
    }
    for (; j < j1; j++) {
        float s = 0;
        for (long p = 0; p < k; p++) s += x[p] * b[p * ldb + j];
        y[j] = s;
    }
}

/// y[j] = Σₚ x[p]·B[j, p] for j in j0..<j1: dot products of x with contiguous rows of B, four rows
/// at a time.
static void gemv_columns(const float *x, const float *b, long ldb, long k, long j0, long j1, float *y) {
    long kv = k / W * W;
    for (long j = j0; j < j1;) {
        long count = j1 - j < 4 ? j1 - j : 4;
        const float *r[4];
        for (int t = 0; t < 4; t++) r[t] = b + (j + (t < count ? t : 0)) * ldb;
        vf s0 = splat(0), s1 = splat(0), s2 = splat(0), s3 = splat(0);
        long p = 0;
        for (; p < kv; p += W) {
            vf xv = load(x + p);
            s0 = xv * load(r[0] + p) + s0;
            s1 = xv * load(r[1] + p) + s1;
            s2 = xv * load(r[2] + p) + s2;
            s3 = xv * load(r[3] + p) + s3;
        }
        float t[4] = {hsum(s0), hsum(s1), hsum(s2), hsum(s3)};
        for (; p < k; p++)
            for (int u = 0; u < 4; u++) t[u] += x[p] * r[u][p];
        for (long u = 0; u < count; u++) y[j + u] = t[u];
        j += count;
    }
}

// MARK: - Element-wise exponential and logarithm

/// eˣ on W lanes (Cephes `expf`, as `VectorMath.exp`): x = n·ln2 + r with n = round(x/ln2),
/// |r| ≤ ln2/2, a degree-6 polynomial for eʳ, and 2ⁿ built from exponent bits in two factors so
/// results down to the subnormal range stay correct. Overflow gives +∞, underflow 0, NaN stays NaN.
static inline __attribute__((always_inline)) vf exp_lanes(vf x) {
    const float upper = 88.72283f, lower = -103.972f;
    vf xc = select(x > upper, splat(upper), x);
    xc = select(xc < lower, splat(lower), xc);
    // Adding 1.5·2²³ rounds to a whole number and leaves it in the low mantissa bits.
    vf shifted = xc * 1.44269504088896341f + 12582912.0f;
    vf fx = shifted - 12582912.0f;
    vf r = xc - fx * 0.693359375f;
    r = r + fx * 2.12194440e-4f;
    vf r2 = r * r;
    vf p = splat(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    vf y = p * r2 + r + 1.0f;
    vi n = (vi)shifted - 0x4B400000;
    vi n1 = n >> 1, n2 = n - n1;
    vf scale1 = (vf)((n1 + 127) << 23), scale2 = (vf)((n2 + 127) << 23);
    vf result = y * scale1 * scale2;
    result = select(x > upper, splat(__builtin_inff()), result);
    result = select(x < lower, splat(0), result);
    return select(x != x, x, result);
}

static void exp_array(const float *x, float *y, long count) {
    long i = 0;
    for (; i + W <= count; i += W) store(y + i, exp_lanes(load(x + i)));
    if (i < count) {
        float in[W] = {0}, out[W];
        for (long j = i; j < count; j++) in[j - i] = x[j];
        store(out, exp_lanes(load(in)));
        for (long j = i; j < count; j++) y[j] = out[j - i];
    }
}

/// log x on W lanes (Cephes `logf`, as `VectorMath.log`): x = m·2ᵉ with m ∈ [√½, √2), then
/// log(m) by a degree-9 polynomial in m − 1. Only for positive normal finite x (see `log_array`).
static inline __attribute__((always_inline)) vf log_lanes(vf x) {
    vi bits = (vi)x;
    vf e = __builtin_convertvector(((bits >> 23) & 0xff) - 126, vf);
    vf m = (vf)((bits & (int32_t)0x807fffff) | 0x3f000000);
    vi small = m < 0.707106781186547524f;
    e = select(small, e - 1.0f, e);
    m = select(small, m + m - 1.0f, m - 1.0f);
    vf z = m * m;
    vf y = splat(7.0376836292e-2f);
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    y = y + e * -2.12194440e-4f;
    y = y - 0.5f * z;
    return m + y + e * 0.693359375f;
}

/// Lanes that are not positive normal finite numbers (0, negatives, subnormals, ±∞, NaN) use the C
/// library's logf, so results agree with it there.
static void log_array(const float *x, float *y, long count) {
    long i = 0;
    for (; i + W <= count; i += W) {
        vf v = load(x + i);
        vi special = (v < 1.17549435e-38f) | (v > 3.40282347e38f) | (v != v);
        int any = 0;
        for (int l = 0; l < W; l++) any |= special[l];
        if (any) {
            for (int l = 0; l < W; l++) y[i + l] = __builtin_logf(x[i + l]);
        } else {
            store(y + i, log_lanes(v));
        }
    }
    for (; i < count; i++) y[i] = __builtin_logf(x[i]);
}

// MARK: - Adam

static inline __attribute__((always_inline)) vf flushed(vf x) {
    return select((x < 1.17549435e-38f) & (x > -1.17549435e-38f), splat(0), x);
}

static inline __attribute__((always_inline)) float flushed_scalar(float x) {
    return x < 1.17549435e-38f && x > -1.17549435e-38f ? 0 : x;
}

/// One Adam (AdamW with shrink < 1) step over `count` elements, in place (see `AdamRule`):
/// g ← g + λθ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²  (each flushed to zero when subnormal);
/// θ ← shrink·θ − η·(c₁m)/(√(c₂v) + ε).
static void adam_update(long count, float *theta, const float *gradient, float *m, float *v,
                        const aprendiz_adam_step *s) {
    long i = 0;
    for (; i + W <= count; i += W) {
        vf t = load(theta + i), g = load(gradient + i) + s->lambda * load(theta + i);
        vf mi = flushed(s->beta1 * load(m + i) + (1 - s->beta1) * g);
        vf vi_ = flushed(s->beta2 * load(v + i) + (1 - s->beta2) * g * g);
        store(m + i, mi);
        store(v + i, vi_);
        store(theta + i, t * s->shrink - s->eta * (mi * s->c1) / (__builtin_elementwise_sqrt(vi_ * s->c2) + s->epsilon));
    }
    for (; i < count; i++) {
        float t = theta[i], g = gradient[i] + s->lambda * t;
        float mi = flushed_scalar(s->beta1 * m[i] + (1 - s->beta1) * g);
        float vi_ = flushed_scalar(s->beta2 * v[i] + (1 - s->beta2) * g * g);
        m[i] = mi;
        v[i] = vi_;
        theta[i] = t * s->shrink - s->eta * (mi * s->c1) / (__builtin_sqrtf(vi_ * s->c2) + s->epsilon);
    }
}

#include "ArithmeticBodies.h"
#include "RecurrentBodies.h"

const aprendiz_kernel_table APRENDIZ_TABLE = {
    .gemm_macro_kernel = gemm_macro_kernel,
    .gemm_macro_kernel_strided = gemm_macro_kernel_strided,
    .gemv_rows = gemv_rows,
    .gemv_columns = gemv_columns,
    .exp = exp_array,
    .log = log_array,
    .adam_update = adam_update,
    .binary = binary_array,
    .affine = affine_array,
    .recurrent_forward = recurrent_forward,
    .recurrent_backward = recurrent_backward,
};
