// Includes Python.h for generated sources and the runtime, with shims across CPython 3.8-3.13.
// Never included by public headers: users' translation units do not need Python.h.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x03090000
// 3.8 has vectorcall under its provisional name only.
#define PYHPP_VECTORCALL _PyObject_Vectorcall
#else
#define PYHPP_VECTORCALL PyObject_Vectorcall
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PYHPP_LIKELY(x) __builtin_expect(!!(x), 1)
#define PYHPP_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PYHPP_NOINLINE __attribute__((noinline))
#define PYHPP_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define PYHPP_LIKELY(x) (x)
#define PYHPP_UNLIKELY(x) (x)
#define PYHPP_NOINLINE
#define PYHPP_ALWAYS_INLINE inline
#endif
