// Callables across the boundary: Python's Callable[[A, B], R] is C++'s std::function<R(A, B)>.
#pragma once

#include <functional>

/// \file
/// A parameter or result annotated `Callable[[A, B], R]` is a `std::function<R(A, B)>` in C++
/// (`std::function<void(A, B)>` for `-> None`), with A, B and R mapped as everywhere else.
///
/// **C++ to Python.** A C++ callable passed to Python becomes a Python callable that converts
/// its arguments, calls the `std::function` (the GIL stays held, so the C++ code may call
/// wrappers and may use pyhpp::gil_release around long work) and converts its result back.
/// Wrong arguments raise `TypeError` in Python. A C++ exception escaping the callable is raised
/// in Python as `pyhpp.CppException` (a `RuntimeError` whose message is `what()`); when that
/// exception comes back to C++ through a wrapper, even across Python frames that let it pass
/// (`try`/`finally`), the *original* C++ exception is rethrown, with its own type. A pyhpp
/// exception that came from Python is re-raised in Python as the original Python exception.
/// An empty `std::function` is sent as `None`. A C++ callable that comes back from Python with
/// the same signature is the original `std::function` again.
///
/// **Python to C++.** A Python callable returned to C++ becomes a `std::function` that may be
/// called from any thread (it takes the GIL itself), copied and destroyed anywhere, even after
/// the interpreter has been finalised. A Python exception raised by the call arrives as its
/// pyhpp exception class; a result of the wrong type raises pyhpp::type_error. The result of a
/// callable typed `-> None` is ignored, as Python ignores it. Sending the `std::function` back
/// to Python sends the original Python object.
