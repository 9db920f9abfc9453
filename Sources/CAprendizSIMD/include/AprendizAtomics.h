// Atomic integers and a spin-wait hint for the thread pool (`Parallel`).
//
// Swift's `Synchronization.Atomic` needs macOS 15 and the package supports macOS 14, so the pool
// uses the compiler's `__atomic` builtins through these static inline functions (inlined into the
// Swift caller, one instruction each). All are sequentially consistent: the pool's park/wake
// handshake relies on a store followed by a load of another variable not being reordered.
#ifndef APRENDIZ_ATOMICS_H
#define APRENDIZ_ATOMICS_H

#include <stdint.h>
#include <stdbool.h>

static inline __attribute__((always_inline)) int64_t aprendiz_atomic_load(const int64_t *p) {
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static inline __attribute__((always_inline)) void aprendiz_atomic_store(int64_t *p, int64_t value) {
    __atomic_store_n(p, value, __ATOMIC_SEQ_CST);
}

/// Adds `delta` and returns the previous value.
static inline __attribute__((always_inline)) int64_t aprendiz_atomic_add(int64_t *p, int64_t delta) {
    return __atomic_fetch_add(p, delta, __ATOMIC_SEQ_CST);
}

/// Stores `desired` if the value is `expected`; true when it did.
static inline __attribute__((always_inline)) bool aprendiz_atomic_compare_exchange(int64_t *p, int64_t expected,
                                                                                   int64_t desired) {
    return __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/// Tells the core this is a spin-wait loop (x86 `pause`, ARM `yield`).
static inline __attribute__((always_inline)) void aprendiz_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}

#endif
